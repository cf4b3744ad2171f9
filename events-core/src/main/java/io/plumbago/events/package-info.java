/**
 * events-core: the Graphite events store (deployments, campaigns, incidents) that Grafana overlays as annotations.
 * The foundation holds the {@link io.plumbago.events.Event} model; the durable store and the {@code /events} HTTP API
 * follow in their own issue.
 */
package io.plumbago.events;
