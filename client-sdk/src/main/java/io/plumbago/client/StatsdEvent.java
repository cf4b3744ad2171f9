package io.plumbago.client;

import java.util.List;

/**
 * A DogStatsD event ({@code _e{title,text}:title|text|...}). Optional fields are null (or 0 for the timestamp) when
 * absent. New lines in the title and text are sent escaped as {@code \n}.
 *
 * @param title required, not empty
 * @param text the body, may be empty
 * @param timestampSeconds Unix time in seconds, 0 for "when received"
 * @param hostname host the event is about, or null
 * @param aggregationKey key grouping related events, or null
 * @param priority {@code normal} or {@code low}, or null
 * @param sourceType source type name, or null
 * @param alertType {@code error}, {@code warning}, {@code info} or {@code success}, or null
 * @param tags tags ({@code key:value} or a word), may be empty
 */
public record StatsdEvent(String title, String text, long timestampSeconds, String hostname, String aggregationKey,
    String priority, String sourceType, String alertType, List<String> tags) {
  /** An event with a title, a text and tags only. */
  public static StatsdEvent of(String title, String text, String... tags) {
    return new StatsdEvent(title, text, 0, null, null, null, null, null,
        tags == null ? List.of() : java.util.Arrays.asList(tags.clone()));
  }
}
