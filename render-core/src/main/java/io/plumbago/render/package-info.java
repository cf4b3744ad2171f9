/**
 * render-core: graphite-web's HTTP render API over whisper files and points still in the carbon cache.
 *
 * <p>The public API: {@link io.plumbago.render.RenderServer} (the Netty HTTP server), {@link
 * io.plumbago.render.Renderer} (the same engine without HTTP),
 * {@link io.plumbago.render.TimeSeries}, {@link io.plumbago.render.CacheOverlay} (the interface the cache is plugged
 * into), {@link io.plumbago.render.TimeParser}, {@link io.plumbago.render.RenderException}, and the target grammar:
 * {@link io.plumbago.render.TargetParser}, {@link io.plumbago.render.Target},
 * {@link io.plumbago.render.TargetSyntaxException}. Sub-packages ({@code find}, {@code format}, {@code http},
 * {@code grammar}, {@code time}, {@code eval}, {@code functions}, {@code remote}) are
 * internal.
 */
package io.plumbago.render;
