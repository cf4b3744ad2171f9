/**
 * carbon-core: carbon's wire protocols and daemons as embeddable pieces.
 *
 * <p>The public API is this package: {@link io.plumbago.carbon.PointSink} (where receivers hand accepted points),
 * {@link io.plumbago.carbon.Persister} (where the cache writes them), {@link io.plumbago.carbon.CarbonReceiver} (the
 * Netty listeners) and {@link io.plumbago.carbon.MetricCache} (the write-behind buffer). Sub-packages hold the
 * codecs, servers and cache internals and are not part of the API.
 */
package io.plumbago.carbon;
