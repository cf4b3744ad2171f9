package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventsClientTest {
  /** A real HTTP server on 127.0.0.1 answering {@code statuses} in turn (the last one from then on). */
  private static HttpServer server(List<String> bodies, int... statuses) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/events/", exchange -> {
      bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static URI base(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void postsTheEventAsGraphiteWebsJson() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = server(bodies, 200);
    try {
      EventsClient client = EventsClient.builder(base(server)).build();
      int status = client.post(new GraphiteEvent("deploy \"api\"\n1.4", List.of("deploy", "api v2"), "by ci",
          1_700_000_000L)).get(10, TimeUnit.SECONDS);
      assertEquals(200, status);
      assertEquals(List.of("POST /events/ {\"what\":\"deploy \\\"api\\\"\\n1.4\",\"tags\":[\"deploy\",\"api_v2\"],"
          + "\"data\":\"by ci\",\"when\":1700000000}"), bodies);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilOneSucceeds() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = server(bodies, 503, 500, 201);
    try {
      EventsClient client = EventsClient.builder(base(server)).retryBackoffMillis(10).build();
      assertEquals(201, client.post(GraphiteEvent.of("x")).get(10, TimeUnit.SECONDS));
      assertEquals(3, bodies.size());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRefusedEventIsNotRetriedAndFailsTheFutureWithTheReason() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = server(bodies, 400);
    try {
      EventsClient client = EventsClient.builder(base(server)).retryBackoffMillis(10).build();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> client.post(GraphiteEvent.of("x")).get(10, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof IOException && e.getCause().getMessage().contains("HTTP 400"),
          e.getCause().toString());
      assertEquals(1, bodies.size());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnreachableServerFailsAfterEveryAttemptWithoutThrowingAtTheCaller() throws Exception {
    int port = Peers.freePort();
    EventsClient client = EventsClient.builder(URI.create("http://127.0.0.1:" + port)).maxAttempts(3)
        .retryBackoffMillis(5).build();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> client.post(GraphiteEvent.of("x")).get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("after 3 attempt(s)"), e.getCause().getMessage());
    assertTrue(client.post(null).isCompletedExceptionally());
  }
}
