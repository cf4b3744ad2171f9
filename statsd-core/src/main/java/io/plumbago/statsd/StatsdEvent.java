package io.plumbago.statsd;

import java.util.List;
import java.util.Objects;

/**
 * A DogStatsD event ({@code _e{title_length,text_length}:title|text|d:...|h:...|k:...|p:...|s:...|t:...|#tags}),
 * which Etsy statsd would count as a bad line and Plumbago accepts and hands to an {@link EventSink}.
 *
 * @param title the title
 * @param text the text, with {@code \n} escapes turned into newlines
 * @param timestampSeconds {@code d:}, or -1 when absent (meaning "when received")
 * @param hostname {@code h:}, or null
 * @param aggregationKey {@code k:}, or null
 * @param priority {@code p:} ({@code normal} or {@code low}), or null
 * @param sourceType {@code s:}, or null
 * @param alertType {@code t:} ({@code error}, {@code warning}, {@code info}, {@code success}), or null
 * @param tags {@code #} tags as sent ({@code key:value} or {@code word})
 */
public record StatsdEvent(String title, String text, long timestampSeconds, String hostname, String aggregationKey,
                          String priority, String sourceType, String alertType, List<String> tags) {
  /** Copies the tags. */
  public StatsdEvent {
    Objects.requireNonNull(title);
    Objects.requireNonNull(text);
    tags = List.copyOf(tags);
  }
}
