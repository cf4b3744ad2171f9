package io.plumbago.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a client POSTs, the answer is 200 or a 4xx with a JSON reason, never a 500, and the server keeps going. */
class EventsHttpProperties {
  private static final String[] VALUES = {"1", "-1", "1.5", "1e400", "true", "null", "\"\"", "\"a b\"", "[]",
      "[1]", "[\"a\", 2]", "{}", "{\"a\": 1}", "[\"ok\", \"tags\"]", "\"x\\u0000y\"", "1700000000", "-0.0",
      "\"\\ud800\"", "[[[]]]", "NaN", "Infinity"};
  private static final String[] KEYS = {"what", "tags", "when", "data", "id", "what", "tags"};

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void malformedBodiesGet400NeverA500(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    try (EventStore store = EventStore.builder(dir).fsyncEachWrite(false).build();
         TestHttpServer server = new TestHttpServer(EventsHttp.builder(store).build())) {
      int accepted = 0;
      for (int i = 0; i < 400; i++) {
        byte[] body = random.nextBoolean() ? randomBytes(random) : wrongTypes(random).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = server.post("/events/", body);
        String replay = "seed " + seed + " case " + i + " body " + new String(body, StandardCharsets.UTF_8);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 400, replay + " -> " + r.statusCode() + " " + r.body());
        if (r.statusCode() == 400) {
          assertTrue(r.body().startsWith("{\"error\": \""), replay + " -> " + r.body());
        } else {
          accepted++;
        }
      }
      assertEquals(accepted, store.size(), "seed " + seed);
      assertEquals(400 - accepted, server.api.badRequests(), "seed " + seed);
      assertEquals(200, server.get("/events/get_data").statusCode(), "seed " + seed);
    }
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] b = new byte[random.nextInt(0, 80)];
    String alphabet = "{}[]\":,0123456789.eE+-tfnulrs\\ \n\u00ff";
    for (int i = 0; i < b.length; i++) {
      b[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return b;
  }

  private static String wrongTypes(SplittableRandom random) {
    StringBuilder out = new StringBuilder("{");
    for (int k = random.nextInt(0, 5); k > 0; k--) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\": ")
          .append(VALUES[random.nextInt(VALUES.length)]);
    }
    return out.append('}').toString();
  }
}
