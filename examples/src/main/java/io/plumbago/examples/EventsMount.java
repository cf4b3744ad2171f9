package io.plumbago.examples;

import io.plumbago.events.EventQuery;
import io.plumbago.events.EventStore;
import io.plumbago.events.EventsHttp;
import io.plumbago.render.EventSource;
import io.plumbago.render.RenderServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The events store wired into the HTTP server: {@code /events} (API and submitter page) and the home page in front of
 * the render API, and the store behind render's {@code events(...)}. events-core and render-core do not know each
 * other; this is the whole bridge.
 */
final class EventsMount implements EventSource, AutoCloseable {
  private final EventStore store;
  private final EventsHttp http;

  /** Opens the store in {@code folder}; writes need {@code token} when it is not null. */
  EventsMount(Path folder, String token) throws IOException {
    this.store = EventStore.builder(folder).build();
    this.http = EventsHttp.builder(store).writeToken(token).build();
  }

  /** Mounts the events API, the home page and {@code events(...)} on {@code render}. */
  RenderServer.Builder mountOn(RenderServer.Builder render) {
    HomePage home = new HomePage();
    return render.events(this).handlerBefore(http::handler).handlerBefore(() -> home);
  }

  @Override
  public void forEachEvent(List<String> tags, long fromSeconds, long untilSeconds, DoubleConsumer whenSeconds) {
    EventQuery query = EventQuery.between(fromSeconds, untilSeconds);
    if (tags != null) {
      query = query.withTags(EventQuery.TagMatch.WITH_ALL, tags);
    }
    store.query(query).forEach(e -> whenSeconds.accept(e.whenSeconds()));
  }

  /** The store. */
  EventStore store() {
    return store;
  }

  @Override
  public void close() {
    try {
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
