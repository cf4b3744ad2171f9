package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.plumbago.render.RenderServer;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.testing.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plumbago's render API against the real graphite-web, request by request: both serve the same whisper tree
 * ({@link DifferentialTree}) with the same clock ({@code now=} on every request), and every line of
 * {@code render-corpus/*.txt} and {@code find-corpus.txt} must get the same answer (see {@link AnswerComparator}).
 *
 * <p>A corpus line is a query string as a person would type it: {@code target=sumSeries(test.servers.*.cpu)&from=-2h}.
 * Parameters are split on {@code &}, their values percent-encoded here ({@code %26} for a literal {@code &});
 * {@code format=json} and {@code now=NOW} are added when absent; {@code ${NOW}}, {@code ${NOW-3600}},
 * {@code ${NOW+60}} become epoch seconds. Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>{@code -Ddifftest.self=true} sends every request to graphite-web twice instead, proving the comparator passes
 * identical answers; {@code -Ddifftest.verbose=true} prints the start of each of graphite-web's answers.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderDifferentialTest {
  private static final long NOW = DifferentialTree.NOW;
  private static final int SHOWN_BODY_CHARS = 2048;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{NOW(?:([+-])(\\d+))?}");
  private static final boolean SELF_CHECK = Boolean.getBoolean("difftest.self");
  private static final boolean VERBOSE = Boolean.getBoolean("difftest.verbose");

  @TempDir
  static Path dir;
  private WhisperDatabase db;
  private RenderServer ours;
  private GraphiteWeb theirs;
  private String theirBase;
  private String ourBase;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  void start() throws Exception {
    Peers.require("graphite-web", Files.isExecutable(GraphiteWeb.MANAGE));
    Path whisper = dir.resolve("whisper");
    DifferentialTree.build(whisper, Files.createDirectories(dir.resolve("conf")));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    theirs = new GraphiteWeb(whisper, port, List.of(), dir.resolve("graphite-web"));
    theirBase = "http://127.0.0.1:" + port;
    db = WhisperDatabase.builder(whisper).build();
    ours = RenderServer.builder(db).bind(new InetSocketAddress("127.0.0.1", 0)).clock(() -> NOW).build();
    ours.start();
    ourBase = SELF_CHECK ? theirBase : "http://127.0.0.1:" + ours.address().getPort();
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (theirs != null) {
      theirs.close();
    }
    if (ours != null) {
      ours.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> renderAnswersLikeGraphiteWeb() throws IOException, URISyntaxException {
    URL folder = RenderDifferentialTest.class.getResource("/render-corpus");
    assertNotNull(folder, "render-corpus/ is not on the test classpath");
    List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of(folder.toURI()))) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no corpus files in " + folder);
    return files.stream().flatMap(file -> lines(file).stream()
        .map(line -> DynamicTest.dynamicTest(file.getFileName() + ":" + line.number + " " + line.text,
            () -> compareRender(file.getFileName() + ":" + line.number, line.text))));
  }

  @TestFactory
  Stream<DynamicTest> findAnswersLikeGraphiteWeb() throws URISyntaxException {
    URL file = RenderDifferentialTest.class.getResource("/find-corpus.txt");
    assertNotNull(file, "find-corpus.txt is not on the test classpath");
    return lines(Path.of(file.toURI())).stream().map(line -> DynamicTest.dynamicTest(
        "find-corpus.txt:" + line.number + " " + line.text,
        () -> compareFind("find-corpus.txt:" + line.number, line.text)));
  }

  /**
   * Every function Plumbago implements is one graphite-web has, in the same group and with the same parameters (name,
   * type, required, default, multiple, options, suggestions) in {@code /functions}, which Grafana's function editor
   * reads. Descriptions are our own words. graphite-web 1.1.8's own {@code /functions} fails on Debian 12 (it calls
   * {@code inspect.getargspec}, gone from Python 3.11), so its side is read from its function table directly.
   */
  @TestFactory
  Stream<DynamicTest> functionListMatchesGraphiteWeb() throws Exception {
    String table = theirs.python(String.join("\n",
        "import json",
        "from graphite.functions import SeriesFunctions",
        "out = {}",
        "for name, f in SeriesFunctions().items():",
        "  out[name] = {'name': name, 'group': getattr(f, 'group', 'Ungrouped'),",
        "               'params': [p.toJSON() for p in getattr(f, 'params', None) or []]}",
        "print(json.dumps(out))", ""));
    Answer ourAnswer = get(ourBase + "/functions");
    assertEquals(200, ourAnswer.status);
    @SuppressWarnings("unchecked")
    Map<String, Object> theirFunctions = (Map<String, Object>) LenientJson.parse(table);
    @SuppressWarnings("unchecked")
    Map<String, Object> ourFunctions = (Map<String, Object>) LenientJson.parse(ourAnswer.text());
    return ourFunctions.entrySet().stream().map(e -> DynamicTest.dynamicTest("/functions " + e.getKey(), () -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> ours = (Map<String, Object>) e.getValue();
      @SuppressWarnings("unchecked")
      Map<String, Object> theirs = (Map<String, Object>) theirFunctions.get(e.getKey());
      assertNotNull(theirs, "graphite-web has no function " + e.getKey());
      assertEquals(theirs.get("group"), ours.get("group"), e.getKey() + " group");
      assertEquals(theirs.get("params"), ours.get("params"), e.getKey() + " params");
      assertEquals(theirs.get("name"), ours.get("name"), e.getKey() + " name");
    }));
  }

  /** The comparator passes identical answers and catches a changed value, name and timestamp. */
  @Test
  void comparatorPassesGraphiteWebAgainstItself() throws Exception {
    for (String line : List.of("target=test.servers.web2.cpu&from=-10min",
        "target=test.servers.*.cpu&from=-1h&format=csv", "target=test.special.*&from=-5min&format=raw",
        "target=test.sparse.s1&from=-20min&format=pickle", "target=test.app.*.*.latency&format=json&jsonp=cb")) {
      String query = query(line, true);
      Answer a = get(theirBase + "/render?" + query);
      Answer b = get(theirBase + "/render?" + query);
      assertNull(difference(query, a, b), line);
    }
    String json = "[{\"target\": \"a\", \"tags\": {\"name\": \"a\"}, \"datapoints\": [[1.5, 1700000000], [null, "
        + "1700000010], [NaN, 1700000020]]}]";
    assertNull(AnswerComparator.json(json, json.replace("1.5", "1.5000000000001"), Set.of()));
    assertNotNull(AnswerComparator.json(json, json.replace("1.5", "1.50001"), Set.of()));
    assertNotNull(AnswerComparator.json(json, json.replace("1700000010", "1700000011"), Set.of()));
    assertNotNull(AnswerComparator.json(json, json.replace("\"a\"}", "\"b\"}"), Set.of()));
    assertNotNull(AnswerComparator.json(json, json.replace("null", "0.0"), Set.of()));
    assertEquals("line 1 (a,1,2,10|) value 1: None vs 0.0", AnswerComparator.raw("a,1,2,10|1.0,None\n",
        "a,1,2,10|1.0000000000001,0.0\n"));
    assertNotNull(AnswerComparator.csv("a,2023-11-14 22:00:00,1.0\r\n", "a,2023-11-14 22:00:10,1.0\r\n"));
  }

  private void compareRender(String where, String line) throws Exception {
    String query = query(line, true);
    Answer expected = get(theirBase + "/render?" + query);
    Answer actual = get(ourBase + "/render?" + query);
    if (VERBOSE) {
      System.out.printf("%s graphite-web %d, %d bytes: %s%n", where, expected.status, expected.body.length,
          AnswerComparator.truncate(expected.text(), 160));
    }
    String d = difference(query, expected, actual);
    if (d != null) {
      fail(report(where, "/render?" + query, d, expected, actual));
    }
  }

  private void compareFind(String where, String line) throws Exception {
    String query = query(line, false);
    Answer expected = get(theirBase + "/metrics/find?" + query);
    Answer actual = get(ourBase + "/metrics/find?" + query);
    String d = null;
    if (expected.status != actual.status) {
      d = "status " + expected.status + " vs " + actual.status;
    } else if (expected.status < 400) {
      // graphite-web's json format gives each leaf its file's intervals from the wall clock and mtime: not comparable
      d = AnswerComparator.json(jsonpStripped(query, expected), jsonpStripped(query, actual), Set.of("intervals"));
    }
    if (d != null) {
      fail(report(where, "/metrics/find?" + query, d, expected, actual));
    }
  }

  /** Null when the answers agree, else the first difference. */
  private String difference(String query, Answer expected, Answer actual) throws Exception {
    if (expected.status != actual.status) {
      return "status " + expected.status + " vs " + actual.status;
    }
    if (expected.status >= 400) {
      return null;
    }
    String format = parameter(query, "format");
    switch (format == null ? "json" : format) {
      case "json":
      case "dygraph":
      case "rickshaw":
        String jsonp = parameter(query, "jsonp");
        if (jsonp != null) {
          String prefix = jsonp + "(";
          for (Answer a : List.of(expected, actual)) {
            if (!a.text().startsWith(prefix) || !a.text().endsWith(")")) {
              return (a == expected ? "graphite-web" : "Plumbago") + " did not wrap the answer in " + prefix + "…)";
            }
          }
        }
        return AnswerComparator.json(jsonpStripped(query, expected), jsonpStripped(query, actual), Set.of());
      case "csv":
        return AnswerComparator.csv(expected.text(), actual.text());
      case "raw":
        return AnswerComparator.raw(expected.text(), actual.text());
      case "pickle":
        return AnswerComparator.pickle(expected.body, actual.body, dir);
      default:
        // images: only that both answered with the same kind of content
        return expected.contentType.equals(actual.contentType) ? null
            : "Content-Type " + expected.contentType + " vs " + actual.contentType;
    }
  }

  private static String jsonpStripped(String query, Answer answer) {
    String jsonp = parameter(query, "jsonp");
    String text = answer.text();
    if (jsonp != null && text.startsWith(jsonp + "(") && text.endsWith(")")) {
      return text.substring(jsonp.length() + 1, text.length() - 1);
    }
    return text;
  }

  private static String report(String where, String request, String difference, Answer expected, Answer actual) {
    String body = actual.contentType.contains("pickle") ? "(pickle)" : actual.text();
    String theirBody = expected.contentType.contains("pickle") ? "(pickle)" : expected.text();
    return where + ": GET " + URLDecoder.decode(request, StandardCharsets.UTF_8) + "\n  first difference: " + difference
        + "\n  graphite-web (" + expected.status + "): " + AnswerComparator.truncate(theirBody, SHOWN_BODY_CHARS)
        + "\n  Plumbago     (" + actual.status + "): " + AnswerComparator.truncate(body, SHOWN_BODY_CHARS);
  }

  private record Answer(int status, String contentType, byte[] body) {
    String text() {
      return AnswerComparator.utf8(body);
    }
  }

  private Answer get(String uri) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /** The encoded query string for a corpus line, with {@code format=json} and {@code now=NOW} when absent. */
  static String query(String line, boolean render) {
    Matcher m = PLACEHOLDER.matcher(line);
    StringBuilder expanded = new StringBuilder();
    while (m.find()) {
      long t = NOW;
      if (m.group(1) != null) {
        t += (m.group(1).equals("-") ? -1 : 1) * Long.parseLong(m.group(2));
      }
      m.appendReplacement(expanded, Long.toString(t));
    }
    m.appendTail(expanded);
    List<String> parts = new ArrayList<>();
    boolean format = false;
    boolean now = false;
    for (String part : expanded.toString().split("&", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? null : part.substring(eq + 1);
      format |= key.equals("format");
      now |= key.equals("now");
      parts.add(encode(key) + (value == null ? "" : "=" + encode(decodePercents(value))));
    }
    if (render && !format) {
      parts.add("format=json");
    }
    if (render && !now) {
      parts.add("now=" + NOW);
    }
    return String.join("&", parts);
  }

  /** The decoded value of {@code name} in an encoded query string, null when absent (the last one wins). */
  private static String parameter(String query, String name) {
    String found = null;
    for (String part : query.split("&")) {
      if (part.startsWith(name + "=")) {
        found = URLDecoder.decode(part.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return found;
  }

  /** {@code %XX} escapes only: a {@code +} in a corpus line is a plus sign. */
  private static String decodePercents(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEscaped) {
      return value;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record Line(int number, String text) {}

  private static List<Line> lines(Path file) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<Line> lines = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        String text = all.get(i).strip();
        if (!text.isEmpty() && !text.startsWith("#")) {
          lines.add(new Line(i + 1, text));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
