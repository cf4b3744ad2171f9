package io.plumbago.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Posts {@link GraphiteEvent}s to graphite-web's events API ({@code <base>/events/}, as JSON {@code what}, {@code tags},
 * {@code data}, {@code when}) with {@code java.net.http}, asynchronously: {@link #post} returns at once with a future.
 * A connection error, a timeout, a 5xx or a 429 answer is retried with exponential backoff, up to
 * {@link Builder#maxAttempts} attempts; the future then completes with the HTTP status (2xx), or exceptionally with
 * an {@link IOException} saying what the last attempt got (a 4xx answer is not retried). Thread-safe; meant for
 * deploy scripts and services marking a deployment.
 */
public final class EventsClient {
  private final HttpClient http;
  private final URI endpoint;
  private final Duration timeout;
  private final int maxAttempts;
  private final long backoffMillis;

  private EventsClient(Builder b) {
    this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
    String base = b.base.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base + "events/" : base + "/events/");
    this.timeout = b.timeout;
    this.maxAttempts = b.maxAttempts;
    this.backoffMillis = b.backoffMillis;
  }

  /** A builder for a client of the graphite-web (or Plumbago web) at {@code base}, e.g. {@code http://host:8080}. */
  public static Builder builder(URI base) {
    return new Builder(base);
  }

  /** Posts {@code event}; never throws (a null event or null {@code what} fails the future). */
  public CompletableFuture<Integer> post(GraphiteEvent event) {
    if (event == null || event.what() == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("an event needs a 'what'"));
    }
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(event))).build();
    return attempt(request, 1);
  }

  private CompletableFuture<Integer> attempt(HttpRequest request, int attempt) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
      if (error == null && response.statusCode() / 100 == 2) {
        return CompletableFuture.completedFuture(response.statusCode());
      }
      boolean retry = error != null || response.statusCode() >= 500 || response.statusCode() == 429;
      String why = error != null ? String.valueOf(error instanceof CompletionException ? error.getCause() : error)
          : "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
      if (!retry || attempt >= maxAttempts) {
        return CompletableFuture.<Integer>failedFuture(new IOException("posting an event to " + endpoint
            + " failed after " + attempt + " attempt(s): " + why));
      }
      Executor later = CompletableFuture.delayedExecutor(backoffMillis << Math.min(20, attempt - 1),
          TimeUnit.MILLISECONDS);
      return CompletableFuture.supplyAsync(() -> request, later).thenCompose(r -> attempt(r, attempt + 1));
    }).thenCompose(f -> f);
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** The JSON body graphite-web reads: {@code {"what": ..., "tags": [...], "data": ..., "when": ...}}. */
  static String json(GraphiteEvent event) {
    StringBuilder out = new StringBuilder("{\"what\":");
    quote(out, event.what());
    out.append(",\"tags\":[");
    if (event.tags() != null) {
      boolean first = true;
      for (String tag : event.tags()) {
        if (tag != null && !tag.isBlank()) {
          out.append(first ? "" : ",");
          // graphite-web joins the tags with spaces and splits them again: a space inside a tag would make two
          quote(out, tag.strip().replaceAll("\\s+", "_"));
          first = false;
        }
      }
    }
    out.append("],\"data\":");
    quote(out, event.data() == null ? "" : event.data());
    if (event.whenEpochSeconds() > 0) {
      out.append(",\"when\":").append(event.whenEpochSeconds());
    }
    return out.append('}').toString();
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) (Character.isSurrogate(c) ? 0xfffd : c)));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether the surrogate at {@code i} is half of a proper pair (a lone one would make the body invalid UTF-8). */
  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** Configures an {@link EventsClient}. Defaults: a 10 s timeout per attempt, 4 attempts, backoff from 200 ms. */
  public static final class Builder {
    private final URI base;
    private Duration timeout = Duration.ofSeconds(10);
    private int maxAttempts = 4;
    private long backoffMillis = 200;

    private Builder(URI base) {
      this.base = Objects.requireNonNull(base);
    }

    /** The time one attempt may take, connecting included. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How many attempts an event gets, the first included. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = (int) Args.within(attempts, 1, Integer.MAX_VALUE, "attempts");
      return this;
    }

    /** The wait before the first retry, in milliseconds; it doubles for each further one. */
    public Builder retryBackoffMillis(long millis) {
      this.backoffMillis = Args.within(millis, 0, Long.MAX_VALUE, "backoff");
      return this;
    }

    /** The client. */
    public EventsClient build() {
      return new EventsClient(this);
    }
  }
}
