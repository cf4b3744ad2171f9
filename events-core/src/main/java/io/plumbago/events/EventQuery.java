package io.plumbago.events;

import java.util.List;
import java.util.Objects;

/**
 * Which events to return: those with {@code fromSeconds <= when <= untilSeconds} (seconds since the epoch, both ends
 * inclusive as graphite-web's {@code when__gte}/{@code when__lte}) and, when {@code tags} is not null, matching the
 * tags the way {@code match} says. Results come oldest first (ties by id).
 *
 * @param fromSeconds the earliest {@code when}, inclusive
 * @param untilSeconds the latest {@code when}, inclusive
 * @param tags the requested tags as graphite-web splits its {@code tags} parameter (duplicates and empty words kept,
 *     they matter to {@link TagMatch#INTERSECTION}), or null for no tag filter
 * @param match how the tags combine
 */
public record EventQuery(double fromSeconds, double untilSeconds, List<String> tags, TagMatch match) {
  /** Copies the tags and checks the range. */
  public EventQuery {
    if (Double.isNaN(fromSeconds) || Double.isNaN(untilSeconds)) {
      throw new IllegalArgumentException("time range must be numbers");
    }
    tags = tags == null ? null : List.copyOf(tags);
    Objects.requireNonNull(match, "match");
  }

  /** Every event between the two times, whatever its tags. */
  public static EventQuery between(double fromSeconds, double untilSeconds) {
    return new EventQuery(fromSeconds, untilSeconds, null, TagMatch.WITH_ALL);
  }

  /** This range, with a tag filter. */
  public EventQuery withTags(TagMatch match, List<String> tags) {
    return new EventQuery(fromSeconds, untilSeconds, Objects.requireNonNull(tags, "tags"), match);
  }

  /**
   * graphite-web's {@code set} parameter. A tag is <em>known</em> when at least one stored event carries it; as in
   * django-tagging, unknown tags are left out before matching, and no known tag at all matches nothing.
   */
  public enum TagMatch {
    /** {@code set=union}: events carrying any of the tags. */
    UNION,
    /**
     * {@code set=intersection}: events carrying every requested tag (unknown tags make it match nothing, and so do
     * repeated tags, as graphite-web's post-filter counts the request's list).
     */
    INTERSECTION,
    /** No {@code set} (graphite-web's default, {@code with_all}): events carrying every <em>known</em> tag. */
    WITH_ALL;

    /** The match for graphite-web's {@code set} parameter value; null or anything else is {@link #WITH_ALL}. */
    public static TagMatch ofParameter(String set) {
      if ("union".equals(set)) {
        return UNION;
      }
      return "intersection".equals(set) ? INTERSECTION : WITH_ALL;
    }
  }
}
