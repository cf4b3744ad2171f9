package io.plumbago.client;

import java.util.List;

/**
 * An event for graphite-web's events API ({@code POST /events/}): what happened, tags to find it by, free-form data,
 * and when.
 *
 * @param what a short description, e.g. {@code "deploy api 1.4.2"}
 * @param tags words to search by (no spaces inside a tag: graphite-web splits on spaces); may be empty
 * @param data details, may be empty
 * @param whenEpochSeconds when it happened, in seconds since 1970; 0 for "when the server receives it"
 */
public record GraphiteEvent(String what, List<String> tags, String data, long whenEpochSeconds) {
  /** An event now: {@code what} with {@code tags} and no data. */
  public static GraphiteEvent of(String what, String... tags) {
    return new GraphiteEvent(what, tags == null ? List.of() : java.util.Arrays.asList(tags.clone()), "", 0);
  }
}
