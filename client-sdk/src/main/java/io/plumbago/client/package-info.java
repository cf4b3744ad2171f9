/**
 * client-sdk: what a Java application uses to send metrics and events to a Graphite stack. JDK only, no dependency.
 * {@link io.plumbago.client.StatsdClient} sends StatsD/DogStatsD lines over UDP, TCP or a Unix socket without
 * blocking or allocating on the calling thread; {@link io.plumbago.client.CarbonSender} sends points to a carbon port
 * in plaintext or pickle; {@link io.plumbago.client.EventsClient} posts graphite-web events. Sub-packages
 * ({@code codec}, {@code send}) are internal.
 */
package io.plumbago.client;
