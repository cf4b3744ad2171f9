package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EventsClient into the real graphite-web (Debian's package): posted events come back from its events API. */
@Tag("interop")
class EventsClientInteropTest {
  @TempDir
  Path dir;

  /** Writes a settings module, migrates a scratch sqlite database and starts graphite-web's Django server. */
  private Process startGraphiteWeb(int port) throws Exception {
    Path mod = Files.createDirectories(dir.resolve("mod"));
    Files.createDirectories(dir.resolve("whisper"));
    Files.writeString(mod.resolve("sdk_events_settings.py"), String.join("\n",
        "SECRET_KEY = 'local-test-only'", "TIME_ZONE = 'UTC'", "DEBUG = False", "ALLOWED_HOSTS = ['*']",
        "GRAPHITE_ROOT = '/usr/share/graphite-web'", "CONF_DIR = '" + dir + "'", "STORAGE_DIR = '" + dir + "'",
        "WHISPER_DIR = '" + dir.resolve("whisper") + "'", "STANDARD_DIRS = ['" + dir.resolve("whisper") + "']",
        "LOG_DIR = '" + dir + "'", "INDEX_FILE = '" + dir.resolve("index") + "'",
        "DATABASES = {'default': {'NAME': '" + dir.resolve("graphite.db") + "', "
            + "'ENGINE': 'django.db.backends.sqlite3', 'USER': '', 'PASSWORD': '', 'HOST': '', 'PORT': ''}}", ""));
    Path log = dir.resolve("server.log");
    Process migrate = environment(new ProcessBuilder("/usr/bin/python3", "/usr/bin/django-admin", "migrate",
        "--run-syncdb", "-v", "0")).redirectErrorStream(true).redirectOutput(dir.resolve("migrate.log").toFile())
        .start();
    assertTrue(migrate.waitFor(120, TimeUnit.SECONDS) && migrate.exitValue() == 0,
        () -> "migrate failed: " + Peers.read(dir.resolve("migrate.log")));
    Process server = environment(new ProcessBuilder("/usr/bin/python3", "/usr/bin/django-admin", "runserver",
        "127.0.0.1:" + port, "--noreload")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Peers.awaitListening(port, server, log);
    return server;
  }

  private ProcessBuilder environment(ProcessBuilder builder) {
    builder.environment().put("PYTHONPATH", dir.resolve("mod").toString());
    builder.environment().put("GRAPHITE_SETTINGS_MODULE", "sdk_events_settings");
    builder.environment().put("DJANGO_SETTINGS_MODULE", "graphite.settings");
    return builder;
  }

  @Test
  void postedEventsAreStoredAndServedByGraphiteWeb() throws Exception {
    Peers.require("graphite-web", Path.of("/usr/lib/python3/dist-packages/graphite/events/views.py"));
    Peers.require("django-admin", Path.of("/usr/bin/django-admin"));
    int port = Peers.freePort();
    Process server = startGraphiteWeb(port);
    try {
      EventsClient client = EventsClient.builder(URI.create("http://127.0.0.1:" + port)).build();
      assertEquals(200, client.post(new GraphiteEvent("deploy api 1.4.2", List.of("deploy", "api"),
          "by ci \"main\"", 1_700_000_000L)).get(60, TimeUnit.SECONDS));
      assertEquals(200, client.post(GraphiteEvent.of("restart", "ops")).get(60, TimeUnit.SECONDS));
      String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/events/get_data?from=-20y&until=now")).build(), HttpResponse.BodyHandlers.ofString()).body();
      String normalised = json.replace(" ", "");
      assertTrue(normalised.contains("\"what\":\"deployapi1.4.2\"") || json.contains("\"what\": \"deploy api 1.4.2\""),
          json);
      assertTrue(json.contains("\"when\": 1700000000") || normalised.contains("\"when\":1700000000"), json);
      assertTrue(normalised.contains("\"tags\":[\"deploy\",\"api\"]"), json);
      assertTrue(normalised.contains("\"data\":\"byci\\\"main\\\"\""), json);
      assertTrue(normalised.contains("\"what\":\"restart\"") && normalised.contains("\"tags\":[\"ops\"]"), json);
    } finally {
      Peers.stop(server);
    }
  }
}
