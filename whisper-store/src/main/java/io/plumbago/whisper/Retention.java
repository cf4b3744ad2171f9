package io.plumbago.whisper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One archive's resolution: a point every {@code secondsPerPoint} seconds, {@code points} of them, so the archive
 * covers {@link #retentionSeconds()}. Parsed from whisper's syntax ({@code 10s:6h}, {@code 60:1440}).
 */
public record Retention(int secondsPerPoint, int points) {
  private static final Pattern UNIT_VALUE = Pattern.compile("^(\\d+)([a-z]+)$");
  private static final String[] UNITS = {"seconds", "minutes", "hours", "days", "weeks", "years"};
  private static final long[] UNIT_SECONDS = {1, 60, 3600, 86400, 604800, 31536000};

  /** Validates that both numbers are positive. */
  public Retention {
    if (secondsPerPoint <= 0 || points <= 0) {
      throw new WhisperFormatException(
          "A retention needs a positive precision and point count, got " + secondsPerPoint + ":" + points);
    }
  }

  /** Seconds this archive covers: {@code secondsPerPoint * points}. */
  public long retentionSeconds() {
    return (long) secondsPerPoint * points;
  }

  /**
   * Parses one definition as whisper's {@code parseRetentionDef} does: {@code precision:points}, each a plain number
   * (seconds, count) or a number with a unit matched by prefix of seconds/minutes/hours/days/weeks/years
   * ({@code m} is minutes); a duration for points is divided by the precision.
   */
  public static Retention parse(String definition) {
    int colon = definition.indexOf(':');
    if (colon < 0) {
      throw new WhisperFormatException("Invalid retention definition '" + definition + "': expected precision:points");
    }
    String precisionText = definition.substring(0, colon).strip();
    String pointsText = definition.substring(colon + 1).strip();
    long precision = isDigits(precisionText) ? parseNumber(precisionText, definition) : seconds(precisionText, definition);
    long points = isDigits(pointsText)
        ? parseNumber(pointsText, definition)
        : seconds(pointsText, definition) / Math.max(precision, 1);
    if (precision > Integer.MAX_VALUE || points > Integer.MAX_VALUE) {
      throw new WhisperFormatException("Invalid retention definition '" + definition + "': too large");
    }
    return new Retention((int) precision, (int) points);
  }

  /** Parses a comma-separated list such as {@code 10s:6h,1m:7d,10m:5y} and validates it ({@link #validate}). */
  public static List<Retention> parseList(String definitions) {
    List<Retention> list = new ArrayList<>();
    for (String part : definitions.split(",")) {
      if (!part.isBlank()) {
        list.add(parse(part));
      }
    }
    return validate(list);
  }

  /**
   * Checks an archive list with whisper's {@code validateArchiveList} rules and returns it sorted finest first.
   * Each broken rule is a {@link WhisperFormatException} naming the rule and the archives involved.
   */
  public static List<Retention> validate(List<Retention> archives) {
    if (archives.isEmpty()) {
      throw new WhisperFormatException("You must specify at least one archive configuration!");
    }
    List<Retention> sorted = new ArrayList<>(archives);
    sorted.sort((a, b) -> Integer.compare(a.secondsPerPoint, b.secondsPerPoint));
    for (int i = 0; i + 1 < sorted.size(); i++) {
      Retention cur = sorted.get(i);
      Retention next = sorted.get(i + 1);
      if (cur.secondsPerPoint == next.secondsPerPoint) {
        throw new WhisperFormatException("A Whisper database may not be configured having two archives with the "
            + "same precision (archive" + i + ": " + cur + ", archive" + (i + 1) + ": " + next + ")");
      }
      if (next.secondsPerPoint % cur.secondsPerPoint != 0) {
        throw new WhisperFormatException("Higher precision archives' precision must evenly divide all lower "
            + "precision archives' precision (archive" + i + ": " + cur.secondsPerPoint + ", archive" + (i + 1)
            + ": " + next.secondsPerPoint + ")");
      }
      if (next.retentionSeconds() <= cur.retentionSeconds()) {
        throw new WhisperFormatException("Lower precision archives must cover larger time intervals than higher "
            + "precision archives (archive" + i + ": " + cur.retentionSeconds() + " seconds, archive" + (i + 1)
            + ": " + next.retentionSeconds() + " seconds)");
      }
      int pointsPerConsolidation = next.secondsPerPoint / cur.secondsPerPoint;
      if (cur.points < pointsPerConsolidation) {
        throw new WhisperFormatException("Each archive must have at least enough points to consolidate to the next "
            + "archive (archive" + (i + 1) + " consolidates " + pointsPerConsolidation + " of archive" + i
            + "'s points but it has only " + cur.points + " total points)");
      }
    }
    return List.copyOf(sorted);
  }

  @Override
  public String toString() {
    return secondsPerPoint + ":" + points;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static long parseNumber(String digits, String definition) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new WhisperFormatException("Invalid retention definition '" + definition + "': number too large", e);
    }
  }

  private static long seconds(String text, String definition) {
    Matcher m = UNIT_VALUE.matcher(text);
    if (!m.matches()) {
      throw new WhisperFormatException("Invalid retention definition '" + definition + "': '" + text
          + "' is neither a number nor a number with a unit");
    }
    String unit = m.group(2);
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].startsWith(unit)) {
        try {
          return Math.multiplyExact(parseNumber(m.group(1), definition), UNIT_SECONDS[i]);
        } catch (ArithmeticException e) {
          throw new WhisperFormatException("Invalid retention definition '" + definition + "': too large", e);
        }
      }
    }
    throw new WhisperFormatException("Invalid unit '" + unit + "' in retention definition '" + definition + "'");
  }
}
