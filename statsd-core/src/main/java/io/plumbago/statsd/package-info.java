/**
 * statsd-core: an embeddable StatsD server that aggregates the way Etsy statsd does and flushes into a carbon
 * {@link io.plumbago.carbon.PointSink}.
 *
 * <p>The public API is {@link io.plumbago.statsd.StatsdServer}, {@link io.plumbago.statsd.StatsdConfig} and
 * {@link io.plumbago.statsd.StatsdStats}; the {@code aggregate} and {@code server} sub-packages are internal.
 */
package io.plumbago.statsd;
