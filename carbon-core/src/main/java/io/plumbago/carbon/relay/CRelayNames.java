package io.plumbago.carbon.relay;

/**
 * carbon-c-relay's cleansing of metric names, as it applies it to every line it forwards (observed from its output,
 * and tested against it): before the first {@code ;} (the tags) every byte that is not an ASCII letter, digit or one
 * of {@code -_:#.} becomes {@code _} (a character outside ASCII becomes one {@code _} per UTF-8 byte); anywhere, a
 * run of dots becomes one dot; dots at the very start, right after the first {@code ;}, or (in a name without
 * tags) at the end go. Stateless.
 */
public final class CRelayNames {
  private CRelayNames() {}

  /** {@code metric} as carbon-c-relay forwards it; empty when nothing is left. */
  public static String cleanse(String metric) {
    return isClean(metric) ? metric : rewrite(metric);
  }

  /** The common case, without building anything: nothing to replace and no dot to drop. */
  private static boolean isClean(String metric) {
    int tags = metric.indexOf(';');
    int plain = tags < 0 ? metric.length() : tags;
    boolean dotGoes = true; // at the start, after a dot, and right after the first ';'
    for (int i = 0; i < metric.length(); i++) {
      char c = metric.charAt(i);
      if ((i < plain && !allowed(c)) || (c == '.' && dotGoes)) {
        return false;
      }
      dotGoes = c == '.' || i == tags;
    }
    return tags >= 0 || metric.isEmpty() || metric.charAt(metric.length() - 1) != '.';
  }

  private static String rewrite(String metric) {
    int tags = metric.indexOf(';');
    int plain = tags < 0 ? metric.length() : tags;
    StringBuilder out = new StringBuilder(metric.length() + 8);
    boolean dotGoes = true;
    for (int i = 0; i < metric.length(); ) {
      int codePoint = metric.codePointAt(i);
      int width = Character.charCount(codePoint);
      if (i < plain && codePoint >= 0x80) {
        out.append("_".repeat(utf8Bytes(codePoint)));
        dotGoes = false;
      } else if (i < plain && !allowed((char) codePoint)) {
        out.append('_');
        dotGoes = false;
      } else if (codePoint != '.' || !dotGoes) {
        out.appendCodePoint(codePoint);
        dotGoes = codePoint == '.' || i == tags;
      }
      i += width;
    }
    int last = out.length();
    while (tags < 0 && last > 0 && out.charAt(last - 1) == '.') {
      last--;
    }
    out.setLength(last);
    return out.toString();
  }

  /** Bytes of a code point in UTF-8; a lone surrogate is encoded as one replacement byte, as Java encodes it. */
  private static int utf8Bytes(int codePoint) {
    if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
      return 1;
    }
    return codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == ':' || c == '#' || c == '.';
  }
}
