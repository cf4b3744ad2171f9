package io.plumbago.events;

import io.netty.channel.ChannelHandler;
import io.plumbago.events.http.EventsHandler;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * graphite-web's {@code /events} HTTP API and the events submitter page over an {@link EventStore}, as one Netty
 * handler to put in an HTTP server's pipeline after {@code HttpServerCodec} and {@code HttpObjectAggregator}:
 * <ul>
 *   <li>{@code POST /events/} — graphite-web's JSON body ({@code what}, {@code tags} as a list or a space-separated
 *       string, {@code data}, {@code when} in epoch seconds); 200 with an empty body (and a {@code Location}), 400
 *       {@code {"error": ...}} for bad input</li>
 *   <li>{@code GET /events/get_data?from=&until=&tags=&set=&jsonp=} — graphite-web's JSON list</li>
 *   <li>{@code GET /events/<id>/} (JSON with {@code Accept: application/json}, else HTML), {@code DELETE
 *       /events/<id>/} (204), {@code GET /events/} (HTML listing)</li>
 *   <li>{@code GET /events/submit} — the submitter page; {@code GET /events/tags} — the tags with their counts</li>
 * </ul>
 * Requests outside {@code /events} pass on to the next handler untouched, so the handler can sit in front of the
 * render API. Writes need {@code Authorization: Bearer <token>} when a token is set (none by default). The handler is
 * thread-safe and shareable between channels; the store's fsync runs on the calling thread, so add it to the
 * pipeline with an executor group rather than on the I/O threads.
 */
public final class EventsHttp {
  private final EventsHandler handler;

  private EventsHttp(Builder builder) {
    this.handler = new EventsHandler(builder.store, builder.writeToken, builder.maxBodyBytes, builder.nowSeconds);
  }

  /** The API over {@code store}. */
  public static Builder builder(EventStore store) {
    return new Builder(store);
  }

  /** The handler (one shareable instance). */
  public ChannelHandler handler() {
    return handler;
  }

  /** How many requests were refused as bad input (4xx) since start. */
  public long badRequests() {
    return handler.badRequests();
  }

  /** Configures an {@link EventsHttp}. */
  public static final class Builder {
    private final EventStore store;
    private String writeToken;
    private int maxBodyBytes = 256 * 1024;
    private DoubleSupplier nowSeconds = () -> System.currentTimeMillis() / 1000.0;

    private Builder(EventStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** Requires {@code Authorization: Bearer token} on POST and DELETE; null (the default) lets anyone write. */
    public Builder writeToken(String token) {
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("the write token must not be blank");
      }
      this.writeToken = token;
      return this;
    }

    /** The largest POST body taken, in bytes (256 KiB by default; larger ones get 413). */
    public Builder maxBodyBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("bytes must be positive: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** The clock for events posted without {@code when} and for relative times, in seconds since the epoch. */
    public Builder clock(DoubleSupplier nowSeconds) {
      this.nowSeconds = Objects.requireNonNull(nowSeconds, "nowSeconds");
      return this;
    }

    /** The API. */
    public EventsHttp build() {
      return new EventsHttp(this);
    }
  }
}
