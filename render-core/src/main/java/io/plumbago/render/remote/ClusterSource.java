package io.plumbago.render.remote;

import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import io.plumbago.render.eval.SeriesSource;
import io.plumbago.render.format.PythonFloats;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * graphite-web's {@code CLUSTER_SERVERS}: a path expression is fetched from this node's own source and, unless the
 * request is {@code local=1}, from every peer ({@code /render?local=1&format=json}, asked in parallel); series with
 * the same name are merged as graphite-web merges them ({@code REMOTE_STORE_MERGE_RESULTS}): of two equally long
 * series the Nones of the first are filled from the second, otherwise a later series with points replaces an earlier
 * one that has Nones. A peer that fails
 * or times out is logged and left out, so one frontend keeps serving while a backend is down. Thread-safe.
 */
public final class ClusterSource implements SeriesSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSource.class);
  private static final int MAX_ANSWER_BYTES = 256 << 20;
  private final SeriesSource local;
  private final List<URI> peers;
  private final HttpFetcher http;

  /** Local series from {@code local}, merged with those of {@code peers} (base URLs such as http://10.0.0.2:8080). */
  public ClusterSource(SeriesSource local, List<URI> peers, long timeoutMillis) {
    this.local = local;
    this.peers = List.copyOf(peers);
    this.http = new HttpFetcher(timeoutMillis, MAX_ANSWER_BYTES);
  }

  @Override
  public List<Series> fetch(String pathExpression, RequestContext context) {
    if (context.localOnly() || peers.isEmpty()) {
      return local.fetch(pathExpression, context);
    }
    List<CompletableFuture<byte[]>> answers = new ArrayList<>(peers.size());
    for (URI peer : peers) {
      answers.add(http.get(renderUri(peer, pathExpression, context)));
    }
    Map<String, Series> merged = new LinkedHashMap<>();
    Map<String, Integer> nones = new LinkedHashMap<>();
    for (Series s : local.fetch(pathExpression, context)) {
      merge(merged, nones, s);
    }
    for (int i = 0; i < peers.size(); i++) {
      byte[] body;
      try {
        body = answers.get(i).join();
      } catch (RuntimeException e) {
        LOG.warn("cluster peer {} failed for {}: {}", peers.get(i), pathExpression, e.getCause() == null ? e
            : e.getCause().toString());
        continue;
      }
      long step = Math.max(1, context.endSeconds() - context.startSeconds());
      for (Series s : RenderJsonReader.read(body, pathExpression, context.xFilesFactor(), step)) {
        merge(merged, nones, s);
      }
    }
    List<Series> out = new ArrayList<>(merged.values());
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /**
   * The nodes every peer lists for {@code pattern} ({@code /metrics/find?local=1&format=json}, asked in parallel),
   * for {@code /metrics/find} and {@code /metrics/expand}; a failing peer is logged and left out.
   */
  public List<io.plumbago.whisper.MetricNode> findNodes(String pattern) {
    List<CompletableFuture<byte[]>> answers = new ArrayList<>(peers.size());
    for (URI peer : peers) {
      answers.add(http.get(URI.create(base(peer) + "metrics/find/?local=1&format=json&query="
          + URLEncoder.encode(pattern, StandardCharsets.UTF_8))));
    }
    List<io.plumbago.whisper.MetricNode> out = new ArrayList<>();
    for (int i = 0; i < peers.size(); i++) {
      try {
        out.addAll(RenderJsonReader.readNodes(answers.get(i).join()));
      } catch (RuntimeException e) {
        LOG.warn("cluster peer {} failed to find {}: {}", peers.get(i), pattern, e.getCause() == null ? e
            : e.getCause().toString());
      }
    }
    return out;
  }

  private static void merge(Map<String, Series> merged, Map<String, Integer> nones, Series candidate) {
    Series known = merged.get(candidate.name());
    if (known == null) {
      merged.put(candidate.name(), candidate);
      nones.put(candidate.name(), countNones(candidate.values()));
      return;
    }
    int knownNones = nones.get(known.name());
    if (knownNones > 0 && candidate.length() > 0) {
      if (candidate.length() == known.length()) {
        double[] filled = known.values().clone();
        int left = knownNones;
        for (int i = 0; i < filled.length; i++) {
          if (Double.isNaN(filled[i]) && !Double.isNaN(candidate.get(i))) {
            filled[i] = candidate.get(i);
            left--;
          }
        }
        merged.put(known.name(), known.withValues(filled));
        nones.put(known.name(), left);
      } else {
        // graphite-web counts no Nones in the candidate when it merges, so any other length replaces
        merged.put(known.name(), candidate);
        nones.put(known.name(), countNones(candidate.values()));
      }
    }
  }

  private static int countNones(double[] values) {
    int n = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  private static URI renderUri(URI peer, String pathExpression, RequestContext context) {
    return URI.create(base(peer) + "render/?local=1&format=json&target="
        + URLEncoder.encode(pathExpression, StandardCharsets.UTF_8)
        + "&from=" + context.startSeconds() + "&until=" + context.endSeconds() + "&now=" + context.nowSeconds()
        + "&xFilesFactor=" + PythonFloats.repr(context.xFilesFactor()));
  }

  private static String base(URI peer) {
    return peer.toString().endsWith("/") ? peer.toString() : peer + "/";
  }

  @Override
  public void close() {
    http.close();
  }
}
