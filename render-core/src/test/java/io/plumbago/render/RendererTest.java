package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.plumbago.whisper.Retention;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embeddable engine evaluates targets over a real whisper tree and the cache overlay. */
class RendererTest {
  private static final long NOW = 1_700_000_000L;
  @TempDir
  Path dir;

  @Test
  void evaluatesFunctionsOverWhisperAndTheCache() throws Exception {
    try (WhisperDatabase db = WhisperDatabase.builder(dir)
        .schemas(StorageSchemas.uniform(Retention.parseList("10s:6h"))).build()) {
      db.write("web.a.cpu", new long[] {NOW - 30, NOW - 20}, new double[] {1, 2}, 2, NOW);
      db.write("web.b.cpu", new long[] {NOW - 30}, new double[] {10}, 1, NOW);
      Renderer renderer = Renderer.builder(db).clock(() -> NOW)
          .cacheOverlay((metric, points) -> {
            if (metric.equals("web.b.cpu")) {
              points.accept(NOW - 20, 20); // not on disk yet
            }
          }).build();
      List<TimeSeries> sum = renderer.render("sumSeries(web.*.cpu)", NOW - 40, NOW - 10);
      assertEquals(1, sum.size());
      TimeSeries s = sum.get(0);
      assertEquals("sumSeries(web.*.cpu)", s.name());
      assertEquals(NOW - 30, s.startSeconds());
      assertEquals(10, s.stepSeconds());
      assertArrayEquals(new double[] {11, 22, Double.NaN}, s.values());
      assertEquals(Map.of("name", "sumSeries(web.*.cpu)", "aggregatedBy", "sum"), s.tags());
      List<TimeSeries> aliased = renderer.render("aliasByNode(scale(web.*.cpu,0.5),1)", NOW - 40, NOW - 10);
      assertEquals(List.of("a", "b"), aliased.stream().map(TimeSeries::name).toList());
      assertArrayEquals(new double[] {5, 10, Double.NaN}, aliased.get(1).values());
      assertThrows(TargetSyntaxException.class, () -> renderer.render("(", NOW - 40, NOW));
      RenderException unknown = assertThrows(RenderException.class, () -> renderer.render("nope(web.*)", NOW - 40,
          NOW));
      assertEquals(400, unknown.status());
    }
  }
}
