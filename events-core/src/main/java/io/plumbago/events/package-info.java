/**
 * events-core: the Graphite events store (deployments, campaigns, incidents) that Grafana overlays as annotations.
 * {@link io.plumbago.events.EventStore} keeps {@link io.plumbago.events.Event}s durably and answers
 * {@link io.plumbago.events.EventQuery}s; {@link io.plumbago.events.EventsHttp} serves graphite-web's {@code /events}
 * API and the events submitter page over it. The sub-packages ({@code log}, {@code index}, {@code http}) are internal.
 */
package io.plumbago.events;
