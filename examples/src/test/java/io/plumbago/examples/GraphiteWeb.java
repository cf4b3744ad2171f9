package io.plumbago.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real graphite-web 1.1 (Debian's package) served on 127.0.0.1 over a whisper tree, its state (settings module,
 * sqlite database, logs) in a scratch folder, as in production: gunicorn when installed, else Django's own server.
 */
final class GraphiteWeb implements AutoCloseable {
  static final Path MANAGE = Path.of("/usr/bin/graphite-manage");
  private final Process server;
  private final Path state;

  /** Starts graphite-web on {@code port} over {@code whisper}, asking {@code carbonlinkHosts} for cached points. */
  GraphiteWeb(Path whisper, int port, List<String> carbonlinkHosts, Path state) throws Exception {
    this(whisper, port, carbonlinkHosts, List.of(), state);
  }

  /** As above, also merging the series of {@code clusterServers} ({@code HOST:PORT}, graphite-web's CLUSTER_SERVERS). */
  GraphiteWeb(Path whisper, int port, List<String> carbonlinkHosts, List<String> clusterServers, Path state)
      throws Exception {
    this.state = state;
    Path mod = Files.createDirectories(state.resolve("mod"));
    Files.createDirectories(state.resolve("log"));
    StringBuilder hosts = new StringBuilder();
    carbonlinkHosts.forEach(h -> hosts.append('\'').append(h).append("',"));
    Files.writeString(mod.resolve("plumbago_gw_settings.py"), String.join("\n",
        "SECRET_KEY = 'local-test-only'",
        "TIME_ZONE = 'UTC'",
        "DEBUG = False",
        "ALLOWED_HOSTS = ['*']",
        "GRAPHITE_ROOT = '/usr/share/graphite-web'",
        "CONF_DIR = '" + state + "'",
        "STORAGE_DIR = '" + whisper + "'",
        "WHISPER_DIR = '" + whisper + "'",
        "STANDARD_DIRS = ['" + whisper + "']",
        "STATIC_ROOT = '/usr/share/graphite-web/static'",
        "LOG_DIR = '" + state.resolve("log") + "'",
        "INDEX_FILE = '" + state.resolve("search_index") + "'",
        "CARBONLINK_HOSTS = [" + hosts + "]",
        "CLUSTER_SERVERS = [" + String.join(",", clusterServers.stream().map(c -> "'" + c + "'").toList()) + "]",
        "FIND_CACHE_DURATION = 0",
        "DEFAULT_XFILES_FACTOR = 0",
        "TAGDB = 'graphite.tags.localdatabase.LocalDatabaseTagDB'",
        "DATABASES = {'default': {'NAME': '" + state.resolve("graphite.db") + "', "
            + "'ENGINE': 'django.db.backends.sqlite3', 'USER': '', 'PASSWORD': '', 'HOST': '', 'PORT': ''}}",
        ""));
    ProcessBuilder migrate = environment(new ProcessBuilder("/usr/bin/python3", MANAGE.toString(), "migrate",
        "--run-syncdb", "-v", "0"));
    Process m = migrate.redirectErrorStream(true).redirectOutput(state.resolve("log/migrate.log").toFile()).start();
    if (!m.waitFor(120, TimeUnit.SECONDS) || m.exitValue() != 0) {
      throw new IOException("graphite-manage migrate failed: " + Files.readString(state.resolve("log/migrate.log")));
    }
    boolean gunicorn = new ProcessBuilder("/usr/bin/python3", "-c", "import gunicorn").start().waitFor() == 0;
    ProcessBuilder serve = gunicorn
        ? new ProcessBuilder("/usr/bin/python3", "-m", "gunicorn", "--bind", "127.0.0.1:" + port, "--workers", "2",
            "--timeout", "300", "graphite.wsgi:application")
        : new ProcessBuilder("/usr/bin/python3", "/usr/bin/django-admin", "runserver", "127.0.0.1:" + port,
            "--noreload", "--nothreading");
    server = environment(serve).redirectErrorStream(true).redirectOutput(state.resolve("log/server.log").toFile())
        .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/version")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!server.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IOException("graphite-web did not start: " + Files.readString(state.resolve("log/server.log")));
      }
      Thread.sleep(200);
    }
  }

  /** Runs {@code script} in python3 with graphite-web's settings loaded (Django set up) and returns its output. */
  String python(String script) throws IOException, InterruptedException {
    Path file = state.resolve("script-" + System.nanoTime() + ".py");
    Files.writeString(file, "import django\ndjango.setup()\n" + script);
    Process p = environment(new ProcessBuilder("/usr/bin/python3", file.toString())).redirectErrorStream(false)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("python failed: " + err);
    }
    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
  }

  private ProcessBuilder environment(ProcessBuilder builder) {
    builder.environment().put("PYTHONPATH", state.resolve("mod").toString());
    builder.environment().put("GRAPHITE_SETTINGS_MODULE", "plumbago_gw_settings");
    builder.environment().put("DJANGO_SETTINGS_MODULE", "graphite.settings");
    return builder;
  }

  /** Stops the server and its workers. */
  @Override
  public void close() throws InterruptedException {
    server.descendants().forEach(ProcessHandle::destroy);
    server.destroy();
    server.waitFor(10, TimeUnit.SECONDS);
    server.descendants().forEach(ProcessHandle::destroyForcibly);
    server.destroyForcibly();
  }
}
