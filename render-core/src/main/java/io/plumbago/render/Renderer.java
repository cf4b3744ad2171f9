package io.plumbago.render;

import io.plumbago.render.eval.Evaluator;
import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import io.plumbago.render.find.WhisperFinder;
import io.plumbago.render.find.WhisperSource;
import io.plumbago.render.functions.FunctionRegistry;
import io.plumbago.whisper.WhisperDatabase;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * graphite-web's render engine without HTTP, for services that embed it: evaluates render targets ({@code
 * sumSeries(servers.*.cpu)}, every function {@code /functions} lists) over a whisper tree and points not yet on disk,
 * as {@code /render?format=json} would, without the output's {@code maxDataPoints} consolidation. Thread-safe; build
 * with {@link #builder}.
 */
public final class Renderer {
  private final Evaluator evaluator;
  private final LongSupplier nowSeconds;
  private final EventSource events;

  private Renderer(Builder b) {
    this.evaluator = new Evaluator(FunctionRegistry.standard(),
        new WhisperSource(new WhisperFinder(b.database, b.overlay)));
    this.nowSeconds = b.nowSeconds;
    this.events = b.events;
  }

  /** A renderer reading {@code database}. */
  public static Builder builder(WhisperDatabase database) {
    return new Builder(database);
  }

  /**
   * The series {@code target} yields over {@code (fromSeconds, untilSeconds]}, relative times measured from the
   * builder's clock, in graphite-web's order.
   *
   * @throws TargetSyntaxException when graphite-web's grammar reads no target from {@code target}
   * @throws RenderException for anything else graphite-web answers with an error (400: bad arguments, unknown
   *     function)
   */
  public List<TimeSeries> render(String target, long fromSeconds, long untilSeconds) {
    RequestContext context = new RequestContext(Math.min(fromSeconds, untilSeconds),
        Math.max(fromSeconds, untilSeconds), nowSeconds.getAsLong(), 0, ZoneId.of("UTC"), Map.of(), events, true);
    List<TimeSeries> out = new ArrayList<>();
    for (Series s : evaluator.evaluateSeries(TargetParser.parse(target), context)) {
      out.add(new TimeSeries(s.name(), s.start(), s.end(), s.step(), s.iterated(), s.tags(), s.pathExpression(),
          s.consolidationFunc(), s.xFilesFactor()));
    }
    return out;
  }

  /** Configures a {@link Renderer}. */
  public static final class Builder {
    private final WhisperDatabase database;
    private CacheOverlay overlay = CacheOverlay.NONE;
    private LongSupplier nowSeconds = () -> System.currentTimeMillis() / 1000;
    private EventSource events = EventSource.NONE;

    private Builder(WhisperDatabase database) {
      this.database = Objects.requireNonNull(database, "database");
    }

    /** Points not yet on disk; none by default. */
    public Builder cacheOverlay(CacheOverlay overlay) {
      this.overlay = Objects.requireNonNull(overlay);
      return this;
    }

    /** The events {@code events(...)} draws; none by default. */
    public Builder events(EventSource events) {
      this.events = Objects.requireNonNull(events);
      return this;
    }

    /** The clock for "now", in seconds since the epoch. */
    public Builder clock(LongSupplier nowSeconds) {
      this.nowSeconds = Objects.requireNonNull(nowSeconds);
      return this;
    }

    /** The renderer. */
    public Renderer build() {
      return new Renderer(this);
    }
  }
}
