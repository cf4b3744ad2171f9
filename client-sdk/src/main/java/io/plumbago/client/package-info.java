/**
 * client-sdk: what a Java application uses to send metrics to StatsD. JDK only. The foundation holds a plain UDP
 * {@link io.plumbago.client.StatsdClient}; batching, tags, TCP and the carbon and events clients follow in their issue.
 */
package io.plumbago.client;
