package io.plumbago.whisper;

/**
 * One match of a graphite path expression in a {@link WhisperDatabase}: a leaf (a whisper file, a metric you can
 * fetch) or a branch (a folder with metrics below it), named by its dotted path as graphite-web names its nodes.
 */
public record MetricNode(String path, boolean leaf) {}
