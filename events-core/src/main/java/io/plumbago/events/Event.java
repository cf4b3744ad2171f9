package io.plumbago.events;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One Graphite event, as graphite-web 1.1 stores it: an id, when it happened (seconds since the epoch, fractions
 * kept), what happened, a set of tags (words without spaces) and free-text data. Validated on construction: {@code
 * what} is required and at most {@value #MAX_WHAT_CHARS} characters, at most {@value #MAX_TAGS} tags of at most
 * {@value #MAX_TAG_CHARS} characters, data at most {@value #MAX_DATA_CHARS} characters.
 */
public record Event(long id, double whenSeconds, String what, Set<String> tags, String data) {
  /** The longest {@code what}, as graphite-web's model column. */
  public static final int MAX_WHAT_CHARS = 255;
  /** The most tags on one event. */
  public static final int MAX_TAGS = 64;
  /** The longest tag. */
  public static final int MAX_TAG_CHARS = 255;
  /** The longest data text. */
  public static final int MAX_DATA_CHARS = 65_536;

  /** Checks every field and keeps the tags in the order given, without duplicates. */
  public Event {
    if (id < 0) {
      throw new EventFormatException("id must not be negative: " + id);
    }
    if (!Double.isFinite(whenSeconds) || whenSeconds < 0) {
      throw new EventFormatException("when must be a time in seconds since the epoch: " + whenSeconds);
    }
    if (what == null || what.isBlank()) {
      throw new EventFormatException("'what' is required");
    }
    if (what.length() > MAX_WHAT_CHARS) {
      throw new EventFormatException("'what' is longer than " + MAX_WHAT_CHARS + " characters");
    }
    Objects.requireNonNull(tags, "tags");
    if (tags.size() > MAX_TAGS) {
      throw new EventFormatException("more than " + MAX_TAGS + " tags");
    }
    for (String tag : tags) {
      if (tag == null || tag.isEmpty() || tag.length() > MAX_TAG_CHARS || tag.chars().anyMatch(Character::isWhitespace)) {
        throw new EventFormatException("a tag must be 1 to " + MAX_TAG_CHARS + " characters without spaces");
      }
    }
    tags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    data = data == null ? "" : data;
    if (data.length() > MAX_DATA_CHARS) {
      throw new EventFormatException("'data' is longer than " + MAX_DATA_CHARS + " characters");
    }
  }

  /**
   * Tags as graphite-web accepts them in a POST: a space-separated string ({@code "deploy web"}); empty words are
   * dropped.
   */
  public static Set<String> parseTags(String spaceSeparated) {
    if (spaceSeparated == null || spaceSeparated.isBlank()) {
      return Set.of();
    }
    List<String> words = Arrays.stream(spaceSeparated.strip().split("\\s+")).toList();
    return new LinkedHashSet<>(words);
  }

  /** Whether this event carries {@code tag}. */
  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }
}
