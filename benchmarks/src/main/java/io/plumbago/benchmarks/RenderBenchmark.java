package io.plumbago.benchmarks;

import io.plumbago.render.CacheOverlay;
import io.plumbago.render.EventSource;
import io.plumbago.render.RenderServer;
import io.plumbago.render.Target;
import io.plumbago.render.TargetParser;
import io.plumbago.render.eval.Evaluator;
import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import io.plumbago.render.find.WhisperFinder;
import io.plumbago.render.find.WhisperSource;
import io.plumbago.render.format.JsonFormat;
import io.plumbago.render.functions.FunctionRegistry;
import io.plumbago.whisper.AggregationMethod;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.WhisperFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The render API over a whisper tree of {@code series} files {@code bench.m0000…} (10s:2d, filled with 24 h of 10 s
 * points plus the 10 minutes before), over the window of the last 24 h: {@code sumSeries(bench.*)} and
 * {@code aliasByNode(movingAverage(bench.*,10),1)} evaluated in process (parse, fetch, functions) with and without
 * graphite-web's JSON, and {@code sumSeries} through a {@link RenderServer} over HTTP on loopback.
 * {@code scripts/render-vs-graphite-web.sh} sends the same requests to graphite-web and plumbago web side by side.
 * The JSON of the moving average over 1000 series is 275 MB: that case runs seconds per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class RenderBenchmark {
  static final String SUM = "sumSeries(bench.*)";
  static final String MOVING_AVERAGE = "aliasByNode(movingAverage(bench.*,10),1)";
  static final int STEP = 10;
  static final int FILLED = 86_400 / STEP + 60;

  /** The tree, a database and an evaluator over it, and a server on a free port. */
  @State(Scope.Benchmark)
  public static class Tree {
    @Param({"100", "1000"})
    int series;
    Path dir;
    WhisperDatabase database;
    Evaluator evaluator;
    RequestContext context;
    RenderServer server;
    HttpClient client;
    URI sumUri;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      long now = System.currentTimeMillis() / 1000;
      long end = now - now % STEP;
      dir = Files.createTempDirectory("render-bench");
      Files.createDirectories(dir.resolve("bench"));
      long[] timestamps = new long[FILLED];
      double[] values = new double[FILLED];
      for (int k = 0; k < FILLED; k++) {
        timestamps[k] = end - (long) (FILLED - 1 - k) * STEP;
      }
      List<Retention> archives = Retention.parseList("10s:2d");
      for (int i = 0; i < series; i++) {
        for (int k = 0; k < FILLED; k++) {
          values[k] = ((i * 37 + k * 13) % 1000) / 7.0; // the script's values
        }
        try (WhisperFile file = WhisperFile.create(dir.resolve("bench").resolve(String.format("m%04d.wsp", i)),
            archives, 0f, AggregationMethod.AVERAGE, false)) {
          file.updateMany(timestamps, values, FILLED, end);
        }
      }
      database = WhisperDatabase.builder(dir).build();
      evaluator = new Evaluator(FunctionRegistry.standard(),
          new WhisperSource(new WhisperFinder(database, CacheOverlay.NONE)));
      context = new RequestContext(end - 86_400, end, end, 0, ZoneId.of("UTC"), Map.of(), EventSource.NONE,
          false);
      server = RenderServer.builder(database).bind(new InetSocketAddress("127.0.0.1", 0)).build();
      server.start();
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      sumUri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/render?format=json&from="
          + (end - 86_400) + "&until=" + end + "&target=" + URLEncoder.encode(SUM, StandardCharsets.UTF_8));
    }

    List<Series> evaluate(String target) {
      Target parsed = TargetParser.parse(target);
      return evaluator.evaluateSeries(parsed, context);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      server.close();
      database.close();
      WhisperBenchmark.deleteTree(dir);
    }
  }

  /** sumSeries(bench.*): find, fetch every file, sum point by point. */
  @Benchmark
  public List<Series> sumSeries(Tree tree) {
    return tree.evaluate(SUM);
  }

  /** sumSeries(bench.*) and its JSON. */
  @Benchmark
  public String sumSeriesJson(Tree tree) {
    return JsonFormat.write(tree.evaluate(SUM), 0, false);
  }

  /** sumSeries(bench.*) as a JSON answer from the render server over HTTP on loopback. */
  @Benchmark
  public long sumSeriesHttp(Tree tree) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = tree.client.send(HttpRequest.newBuilder(tree.sumUri).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + response.statusCode());
      }
      return body.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /** aliasByNode(movingAverage(bench.*,10),1): fetch with 100 s of bootstrap, a moving average per series. */
  @Benchmark
  public List<Series> movingAverage(Tree tree) {
    return tree.evaluate(MOVING_AVERAGE);
  }

  /** aliasByNode(movingAverage(bench.*,10),1) and its JSON (8640 points per series). */
  @Benchmark
  public String movingAverageJson(Tree tree) {
    return JsonFormat.write(tree.evaluate(MOVING_AVERAGE), 0, false);
  }
}
