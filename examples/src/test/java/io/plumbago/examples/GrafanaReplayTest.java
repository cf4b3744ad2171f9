package io.plumbago.examples;

import static io.plumbago.examples.Grafana.angularEncode;
import static io.plumbago.examples.Grafana.browserFrames;
import static io.plumbago.examples.Grafana.browserFrom;
import static io.plumbago.examples.Grafana.browserUntil;
import static io.plumbago.examples.Grafana.events;
import static io.plumbago.examples.Grafana.expandResults;
import static io.plumbago.examples.Grafana.findNodes;
import static io.plumbago.examples.Grafana.goForm;
import static io.plumbago.examples.Grafana.goSeries;
import static io.plumbago.examples.Grafana.list;
import static io.plumbago.examples.Grafana.object;
import static io.plumbago.examples.Grafana.panelBody;
import static io.plumbago.examples.Grafana.parse;
import static io.plumbago.examples.Grafana.parseFuncDefs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.examples.Grafana.Frame;
import io.plumbago.examples.Grafana.FuncDef;
import io.plumbago.examples.Grafana.ParamDef;
import io.plumbago.examples.Grafana.Reply;
import io.plumbago.render.RenderServer;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grafana's Graphite data source, replayed against Plumbago: the requests Grafana 11 sends (paths, methods, query and
 * form encoding, headers) and the checks its parsers make on the answers. Two senders are replayed where both exist:
 * the browser code ({@code public/app/plugins/datasource/graphite/datasource.ts}, through Grafana's data source
 * proxy, which forwards the path and body as they are) and the Go backend ({@code pkg/tsdb/graphite}, used for
 * alerting, backend-mode health checks and, behind the {@code graphiteBackendMode} toggle, resource calls).
 * Where Grafana would throw, show an error or drop a value, the test fails: a missing field, a wrong JSON type, an
 * {@code int} field Go cannot decode, a series name the refId cannot be recovered from. A replay needing a render
 * function Plumbago lacks is skipped, naming it. {@link GrafanaReplayGraphiteWebTest} runs the same replay against
 * the real graphite-web, which is what shows the replay itself right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaReplayTest {
  private static final String USER_AGENT = "Grafana/11.3.0";
  /** What Grafana's backend_srv puts on every fetch unless told otherwise. */
  private static final String BROWSER_ACCEPT = "application/json, text/plain, */*";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final long HOUR_MILLIS = 3_600_000L;

  @TempDir
  static Path dir;
  /** The render clock at setup, in seconds. */
  protected long nowSeconds;
  /** Where the replayed requests go: {@code http://host:port}. */
  protected String baseUrl;
  private WhisperDatabase db;
  private EventsMount events;
  private RenderServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void start() throws Exception {
    nowSeconds = System.currentTimeMillis() / 1000;
    long first = nowSeconds - nowSeconds % 10 - 8 * 3600;
    int n = (int) ((nowSeconds - first) / 10) + 1;
    Path whisper = dir.resolve("whisper");
    try (WhisperDatabase tree = WhisperDatabase.builder(whisper)
        .schemas(StorageSchemas.uniform(Retention.parseList("10s:12h,60s:7d"))).build()) {
      String[] hosts = {"web1", "web2", "db1"};
      for (int h = 0; h < hosts.length; h++) {
        long[] times = new long[n];
        double[] cpu = new double[n];
        double[] memory = new double[n];
        for (int i = 0; i < n; i++) {
          times[i] = first + i * 10L;
          cpu[i] = 50 + 40 * Math.sin(times[i] / 900.0 + h);
          memory[i] = 1024 + h * 512 + (i % 360) * 0.5;
        }
        tree.write("grafana.servers." + hosts[h] + ".cpu", times, cpu, n, nowSeconds);
        tree.write("grafana.servers." + hosts[h] + ".memory", times, memory, n, nowSeconds);
      }
      long[] times = new long[n];
      double[] count = new double[n];
      for (int i = 0; i < n; i++) {
        times[i] = first + i * 10L;
        count[i] = i % 7;
      }
      tree.write("grafana.app.requests.count", times, count, n, nowSeconds);
    }
    serve(whisper, dir);
    addEvent(nowSeconds - 7 * 3600, "Old deploy", List.of("deploy"), "outside the six hours");
    addEvent(nowSeconds - 2 * 3600, "Deployed web 1.2", List.of("deploy", "web"), "build 42");
    addEvent(nowSeconds - 1800.5, "Incident", List.of("incident"), "paged");
  }

  /** Starts the server under test over {@code whisper} and sets {@link #baseUrl}: Plumbago with its events API. */
  protected void serve(Path whisper, Path scratch) throws Exception {
    db = WhisperDatabase.builder(whisper).build();
    events = new EventsMount(scratch.resolve("events"), null);
    server = events.mountOn(RenderServer.builder(db).bind(new InetSocketAddress("127.0.0.1", 0))).build();
    server.start();
    baseUrl = "http://127.0.0.1:" + server.address().getPort();
  }

  /** Records an event for the annotations replay. */
  protected void addEvent(double whenSeconds, String what, List<String> tags, String data) throws Exception {
    events.store().add(whenSeconds, what, tags, data);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (events != null) {
      events.close();
    }
    if (db != null) {
      db.close();
    }
  }

  // ---- Save & test ----

  /** testDatasource(): constantLine(100) over now-1h, maxDataPoints 300, as panel 3; success is a parsed answer. */
  @Test
  void saveAndTestFromTheBrowserParses() throws Exception {
    requireFunctions("aliasSub", "constantLine");
    long to = System.currentTimeMillis();
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("A", "constantLine(100)");
    Reply reply = browser("POST", "/render", FORM, panelBody(targets, to - HOUR_MILLIS, to, 300),
        Map.of("X-Panel-Id", "3"));
    Map<String, List<Frame>> frames = browserFrames(reply, targets.keySet());
    assertFalse(frames.get("A").isEmpty(), "Save & test sees no series: " + reply.body());
  }

  /** CheckHealth in pkg/tsdb/graphite/healthcheck.go: the same query through the Go backend, maxDataPoints 100. */
  @Test
  void saveAndTestFromTheBackendParses() throws Exception {
    requireFunctions("constantLine");
    long to = System.currentTimeMillis();
    Reply reply = backend("POST", "/render", goForm(Map.of("target", "constantLine(100)", "format", "json",
        "from", Long.toString((to - HOUR_MILLIS) / 1000), "until", Long.toString(to / 1000),
        "maxDataPoints", "100")));
    assertFalse(goSeries(reply, 100).isEmpty(), "the health check would pass with no series: " + reply.body());
  }

  // ---- version and function index ----

  /**
   * getVersion(): GET /version; backend_srv JSON-parses text when it can; SemVer must accept it; ≥ 1.1 enables
   * tags and /functions.
   */
  @Test
  void versionProbeGivesASemverOfAtLeast11() throws Exception {
    Reply reply = browser("GET", "/version", null, null, Map.of());
    assertEquals(200, reply.status());
    String version;
    try {
      Object parsed = StrictJson.parse(reply.body());
      version = assertInstanceOf(String.class, parsed,
          "backend_srv parses /version as JSON and new SemVer() throws on a non-string: " + reply.body());
    } catch (IllegalArgumentException notJson) {
      version = reply.body();
    }
    Matcher semver = Pattern.compile("v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?"
        + "(\\+[0-9A-Za-z.-]+)?").matcher(version.strip());
    assertTrue(semver.matches(), "not a semver, Grafana would fall back to its built-in function list: " + version);
    int major = Integer.parseInt(semver.group(1));
    int minor = Integer.parseInt(semver.group(2));
    assertTrue(major > 1 || major == 1 && minor >= 1, "below 1.1.0, Grafana skips /functions: " + version);
  }

  /** getFuncDefs(): GET /functions as text, Infinity defaults patched, JSON.parse, gfunc.parseFuncDefs. */
  @Test
  void functionIndexParsesAsGfuncDoes() throws Exception {
    Reply reply = browser("GET", "/functions", null, null, Map.of());
    assertEquals(200, reply.status(), reply.body());
    // datasource.ts patches /"default": ?Infinity/g; the Go resource handler only the exact "default": Infinity
    String browserFixed = reply.body().replaceAll("\"default\": ?Infinity", "\"default\": 1e9999");
    String backendFixed = reply.body().replace("\"default\": Infinity", "\"default\": 1e9999");
    Map<String, Object> raw = object(parse(browserFixed, "/functions (browser)"), "/functions");
    parse(backendFixed, "/functions (backend mode)");

    Map<String, FuncDef> defs = parseFuncDefs(raw);
    // mapFuncDefsToSelectables leaves out a function without a category; graphite-web's groups are the menu's
    Set<String> categories = new TreeSet<>();
    defs.values().forEach(d -> categories.add(d.category()));
    assertTrue(Grafana.GRAPHITE_GROUPS.containsAll(categories), "categories graphite-web does not have: " + categories);
    assertTrue(categories.containsAll(Set.of("Alias", "Calculate", "Combine", "Transform")),
        "the add-function menu would have only " + categories);

    FuncDef sum = defs.get("sumSeries");
    assertEquals("Combine", sum.category());
    assertEquals(1, sum.params().size(), "sumSeries keeps its multiple seriesLists param: " + sum.params());
    assertEquals(new ParamDef("seriesLists", "value_or_series", true, true, null), sum.params().get(0));
    assertFalse(sum.fake());

    FuncDef alias = defs.get("aliasByNode");
    assertEquals("Alias", alias.category());
    ParamDef nodes = alias.params().get(0);
    assertTrue(Set.of("node", "node_or_tag").contains(nodes.type()), nodes.toString());
    assertTrue(nodes.multiple() && !nodes.optional(), nodes.toString());
    assertTrue(nodes.options().contains("0"), nodes.toString());

    FuncDef moving = defs.get("movingAverage");
    assertEquals("Calculate", moving.category());
    assertEquals("int_or_interval", moving.params().get(0).type());
    assertFalse(moving.params().get(0).optional());
    assertEquals("float", moving.params().get(1).type());
    assertTrue(moving.params().get(1).optional());

    FuncDef summarize = defs.get("summarize");
    assertEquals("Transform", summarize.category());
    assertFalse(summarize.params().get(0).optional(), "the interval is required");
    ParamDef func = summarize.params().get(1);
    assertNotNull(func.options(), "summarize's func needs options for the dropdown");
    assertTrue(func.options().containsAll(List.of("sum", "avg", "max", "min", "last")), func.toString());
    assertEquals("sum", summarize.defaultParams().get(1));
    assertEquals(new ParamDef("alignToFrom", "boolean", true, false, List.of("true", "false")),
        summarize.params().get(2));
    assertEquals("false", summarize.defaultParams().get(2));
  }

  // ---- query editor autocomplete ----

  /**
   * getAltSegments(): metricFindQuery('<path>.*<prefix>*', {range}) → POST /metrics/find?from&until with the body
   * query=… unencoded.
   */
  @Test
  void queryEditorAutocompleteFromTheBrowser() throws Exception {
    long to = System.currentTimeMillis();
    String range = "?from=" + browserFrom(to - 6 * HOUR_MILLIS) + "&until=" + browserUntil(to);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("*", List.of("grafana"));
    expected.put("grafana.*", List.of("app", "servers"));
    expected.put("grafana.servers.*", List.of("db1", "web1", "web2"));
    expected.put("grafana.servers.*web*", List.of("web1", "web2"));
    expected.put("grafana.servers.{web1,db1}.*", List.of("cpu", "memory"));
    expected.put("grafana.servers.web1.*", List.of("cpu", "memory"));
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      // requestMetricFind sends `query=${query}` without encoding it
      Reply reply = browser("POST", "/metrics/find" + range, FORM, "query=" + e.getKey(), Map.of());
      List<Map<String, Object>> nodes = findNodes(reply, e.getKey());
      assertEquals(e.getValue(), nodes.stream().map(m -> (String) m.get("text")).toList(), e.getKey());
      boolean leaves = e.getKey().startsWith("grafana.servers.") && e.getKey().endsWith("}.*")
          || e.getKey().equals("grafana.servers.web1.*");
      for (Map<String, Object> node : nodes) {
        assertEquals(leaves ? 0 : 1, ((StrictJson.Num) node.get("expandable")).value(), e.getKey() + " " + node);
      }
    }
    // checkOtherSegments(): metricFindQuery(path) with no options, so no from/until at all
    Reply reply = browser("POST", "/metrics/find", FORM, "query=grafana.servers", Map.of());
    List<Map<String, Object>> nodes = findNodes(reply, "grafana.servers");
    assertEquals(1, nodes.size());
    assertEquals("servers", nodes.get(0).get("text"));
    assertEquals(1, ((StrictJson.Num) nodes.get(0).get("expandable")).value(), "segments[0].expandable");
  }

  /** handleMetricsFind in resource_handler.go: decodes into {text, id string; allowChildren, expandable, leaf int}. */
  @Test
  void queryEditorAutocompleteThroughTheBackend() throws Exception {
    long to = System.currentTimeMillis() / 1000;
    for (String query : List.of("*", "grafana.servers.*", "grafana.servers.*web*", "grafana.servers.web1.*")) {
      Reply reply = backend("POST", "/metrics/find?" + goForm(Map.of("from", Long.toString(to - 6 * 3600),
          "until", Long.toString(to))), goForm(Map.of("query", query)));
      findNodes(reply, query);
    }
  }

  // ---- template variables ----

  /** A variable query: metricFindQuery with a glob (find), and expand(...) → GET /metrics/expand → results[]. */
  @Test
  void templateVariableQueries() throws Exception {
    long to = System.currentTimeMillis();
    long from = browserFrom(to - 6 * HOUR_MILLIS);
    long until = browserUntil(to);
    Reply find = browser("POST", "/metrics/find?from=" + from + "&until=" + until, FORM,
        "query=grafana.servers.*", Map.of());
    assertEquals(List.of("db1", "web1", "web2"),
        findNodes(find, "grafana.servers.*").stream().map(m -> m.get("text")).toList());

    // requestMetricExpand: params {query, from, until} serialized with AngularJS-style encoding, and a Content-Type
    // header on a GET
    String query = "grafana.servers.{web1,db1}.cpu";
    Reply expand = browser("GET", "/metrics/expand?query=" + angularEncode(query) + "&from=" + from + "&until="
        + until, FORM, null, Map.of());
    assertEquals(List.of("grafana.servers.db1.cpu", "grafana.servers.web1.cpu"), expandResults(expand));

    Reply backendExpand = backend("GET", "/metrics/expand?" + goForm(Map.of("query", "grafana.servers.*.cpu",
        "from", Long.toString(from), "until", Long.toString(until))), null);
    assertEquals(List.of("grafana.servers.db1.cpu", "grafana.servers.web1.cpu", "grafana.servers.web2.cpu"),
        expandResults(backendExpand));
  }

  // ---- panel queries ----

  /**
   * query(): every target wrapped in aliasSub(…, "(^.*$)", "\1 <refId>"), '5m' intervals rewritten to '5min', one
   * POST with target=…&target=…&from&until&format=json&maxDataPoints; convertResponseToDataFrames splits the refId
   * back off each series name.
   */
  @Test
  void panelQueryFromTheBrowser() throws Exception {
    requireFunctions("aliasSub", "sumSeries", "aliasByNode", "movingAverage", "summarize");
    long to = System.currentTimeMillis();
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("A", "grafana.servers.*.cpu");
    targets.put("B", "sumSeries(grafana.servers.*.cpu)");
    targets.put("C", "aliasByNode(movingAverage(grafana.servers.web1.memory, '5m'), 2)");
    targets.put("D", "summarize(grafana.app.requests.count, '30m', 'sum')");
    String body = panelBody(targets, to - 6 * HOUR_MILLIS, to, 300);
    assertTrue(body.contains("'5min'") || body.contains("%275min%27"), body);
    Reply reply = browser("POST", "/render", FORM, body,
        Map.of("X-Dashboard-Id", "7", "X-Panel-Id", "2", "X-Panel-Plugin-Id", "timeseries"));
    Map<String, List<Frame>> frames = browserFrames(reply, targets.keySet());
    assertEquals(3, frames.get("A").size(), reply.body());
    assertEquals(List.of("sumSeries(grafana.servers.*.cpu)"), frames.get("B").stream().map(Frame::name).toList());
    assertEquals(List.of("web1"), frames.get("C").stream().map(Frame::name).toList());
    assertEquals(1, frames.get("D").size());
    long from = (to - 6 * HOUR_MILLIS) / 1000;
    for (List<Frame> list : frames.values()) {
      for (Frame f : list) {
        assertTrue(f.times().size() <= 300, f.name() + " has " + f.times().size() + " points for maxDataPoints 300");
        assertTrue(f.times().size() >= 2, f.name() + " has " + f.times().size() + " points");
        assertTrue(f.times().get(0) >= (from - 3600) * 1000 && f.times().get(f.times().size() - 1) <= (to / 1000 + 3600)
            * 1000, f.name() + " outside the range: " + f.times());
        assertTrue(f.values().stream().anyMatch(v -> v != null), f.name() + " is all null");
      }
    }
  }

  /** RunQuery in query.go: one POST per query, form keys sorted, no aliasSub; TargetResponseDTO decoding. */
  @Test
  void panelQueryThroughTheBackend() throws Exception {
    requireFunctions("sumSeries", "aliasByNode", "movingAverage", "summarize");
    long to = System.currentTimeMillis() / 1000;
    for (String target : List.of("grafana.servers.*.cpu", "sumSeries(grafana.servers.*.cpu)",
        "aliasByNode(movingAverage(grafana.servers.web1.memory, '5min'), 2)",
        "summarize(grafana.app.requests.count, '30min', 'sum')")) {
      Reply reply = backend("POST", "/render", goForm(Map.of("target", target, "format", "json",
          "from", Long.toString(to - 6 * 3600), "until", Long.toString(to), "maxDataPoints", "300")));
      List<String> names = goSeries(reply, 300);
      assertFalse(names.isEmpty(), target + ": " + reply.body());
    }
  }

  // ---- annotations ----

  /** events(): GET /events/get_data?from=-6h&until=now[&tags=…] (raw range strings); time = when * 1000. */
  @Test
  void annotationEventsFromTheBrowser() throws Exception {
    List<Map<String, Object>> tagged = events(browser("GET", "/events/get_data?from=-6h&until=now&tags=deploy",
        null, null, Map.of()), false);
    assertEquals(List.of("Deployed web 1.2"), tagged.stream().map(e -> e.get("what")).toList());
    List<Map<String, Object>> all = events(browser("GET", "/events/get_data?from=-6h&until=now", null, null,
        Map.of()), false);
    assertEquals(List.of("Deployed web 1.2", "Incident"), all.stream().map(e -> e.get("what")).toList());
    double when = ((StrictJson.Num) all.get(0).get("when")).value();
    assertEquals((nowSeconds - 2 * 3600) * 1000.0, when * 1000, 1000, "annotation time");
  }

  /** handleEvents in resource_handler.go: decodes into {when int64, what string, tags []string, data string}. */
  @Test
  void annotationEventsThroughTheBackend() throws Exception {
    List<Map<String, Object>> tagged = events(backend("GET", "/events/get_data?" + goForm(Map.of("from", "-6h",
        "until", "now", "tags", "deploy")), null), true);
    assertEquals(1, tagged.size());
    events(backend("GET", "/events/get_data?" + goForm(Map.of("from", "-6h", "until", "now")), null), true);
  }

  // ---- tags ----

  /**
   * With a 1.1 version, the editor's first segment dropdown also asks getTagsAutoComplete(): GET
   * /tags/autoComplete/tags?limit=5000&from&until. graphite-web answers [] without tagged series; a failure makes
   * Grafana show "Fetching tags failed" (metrics are still listed).
   */
  @Test
  void tagAutocompleteAnswersAList() throws Exception {
    replayTagAutocomplete();
  }

  /** The tag autocomplete replay, for a server that has the API. */
  protected void replayTagAutocomplete() throws Exception {
    long to = System.currentTimeMillis();
    Reply reply = browser("GET", "/tags/autoComplete/tags?limit=5000&from=" + browserFrom(to - 6 * HOUR_MILLIS)
        + "&until=" + browserUntil(to), null, null, Map.of());
    assertEquals(200, reply.status(), reply.body());
    for (Object tag : list(parse(reply.body(), "/tags/autoComplete/tags"), "tags")) {
      assertInstanceOf(String.class, tag);
    }
  }

  /** Fails, naming it, when a render function this Grafana request needs is missing from /functions. */
  protected void requireFunctions(String... functions) throws Exception {
    for (String name : functions) {
      assertEquals(200, send("GET", "/functions/" + name, Map.of(), null).status(),
          "the server does not list " + name + "(), which this Grafana request needs");
    }
  }

  /** Through Grafana's data source proxy: the browser's fetch headers, Grafana's User-Agent and org header. */
  private Reply browser(String method, String pathAndQuery, String contentType, String body,
      Map<String, String> extra) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", BROWSER_ACCEPT);
    headers.put("Accept-Encoding", "gzip, deflate, br");
    headers.put("User-Agent", USER_AGENT);
    headers.put("X-Grafana-Org-Id", "1");
    headers.put("X-Forwarded-For", "127.0.0.1");
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    headers.putAll(extra);
    return send(method, pathAndQuery, headers, body);
  }

  /** From pkg/tsdb/graphite: Go's http.Client (which asks for gzip itself) with Grafana's User-Agent. */
  private Reply backend(String method, String pathAndQuery, String form) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", USER_AGENT);
    headers.put("Accept-Encoding", "gzip");
    if (form != null) {
      headers.put("Content-Type", FORM);
    }
    return send(method, pathAndQuery, headers, form);
  }

  /** Sends exactly {@code pathAndQuery}, {@code headers} and {@code body} (none when null), HTTP/1.1 as Grafana. */
  protected Reply send(String method, String pathAndQuery, Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] bytes = response.body();
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
    if (encoding.equals("gzip")) {
      bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
    } else {
      assertEquals("identity", encoding, "an encoding Grafana's clients did not ask for");
    }
    return new Reply(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
  }
}
