package io.plumbago.examples.whisper;

/** The common strftime directives, enough for {@code --time-format}. */
final class Strftime {
  private Strftime() {}

  static String format(String pattern, java.time.ZonedDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 == pattern.length()) {
        out.append(c);
        continue;
      }
      char d = pattern.charAt(++i);
      switch (d) {
        case 'Y' -> out.append(String.format("%04d", t.getYear()));
        case 'm' -> out.append(String.format("%02d", t.getMonthValue()));
        case 'd' -> out.append(String.format("%02d", t.getDayOfMonth()));
        case 'H' -> out.append(String.format("%02d", t.getHour()));
        case 'M' -> out.append(String.format("%02d", t.getMinute()));
        case 'S' -> out.append(String.format("%02d", t.getSecond()));
        case 's' -> out.append(t.toEpochSecond());
        case '%' -> out.append('%');
        default -> out.append('%').append(d);
      }
    }
    return out.toString();
  }
}
