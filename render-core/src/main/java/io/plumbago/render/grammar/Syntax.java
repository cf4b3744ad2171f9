package io.plumbago.render.grammar;

/**
 * The character classes of graphite-web's target grammar ({@code render/grammar_unsafe.py}, with
 * {@code UTF8_METRICS} off), shared by the parser, the formatter and the {@code Target} records' checks. Internal to
 * render-core.
 */
public final class Syntax {
  /** Characters a path may hold only behind a backslash; graphite-web also accepts {@code \=}. */
  static final String SYMBOLS = "(){},.'\"\\|";

  private Syntax() {}

  /** A character of a path element: printable ASCII except {@link #SYMBOLS}. */
  static boolean isMetricChar(char c) {
    return c >= 33 && c <= 126 && SYMBOLS.indexOf(c) < 0;
  }

  /** A character a backslash in a path may escape. */
  static boolean isEscapable(char c) {
    return SYMBOLS.indexOf(c) >= 0 || c == '=';
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  /** A function or argument name: {@code [A-Za-z_][A-Za-z0-9_]*}. */
  public static boolean isIdentifier(String name) {
    if (name == null || name.isEmpty() || !isIdentifierStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!isIdentifierPart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Text some path expression spells: non-empty printable ASCII (symbols can always be escaped). */
  public static boolean isPathText(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 33 || c > 126) {
        return false;
      }
    }
    return true;
  }

  /**
   * Scans the inside of a string literal opened by {@code quote} from {@code start}, as pyparsing's
   * {@code quotedString} regex does (greedy, no backtracking into it): any character but the quote, CR, LF and
   * backslash; a doubled quote; a backslash and any character but {@code x}; {@code \x} and hex digits. Returns where
   * the scan stopped: the closing quote if the literal is well formed.
   */
  static int scanQuoted(String s, int start, char quote) {
    int n = s.length();
    int i = start;
    while (i < n) {
      char c = s.charAt(i);
      if (c != quote && c != '\n' && c != '\r' && c != '\\') {
        i++;
      } else if (c == quote && i + 1 < n && s.charAt(i + 1) == quote) {
        i += 2;
      } else if (c == '\\' && i + 1 < n && s.charAt(i + 1) != 'x') {
        i += 2;
      } else if (c == '\\' && i + 2 < n && s.charAt(i + 1) == 'x' && isHex(s.charAt(i + 2))) {
        i += 3;
        while (i < n && isHex(s.charAt(i))) {
          i++;
        }
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Whether {@code quote + value + quote} is a string literal whose value is {@code value}. */
  public static boolean isQuotable(String value, char quote) {
    return scanQuoted(value + quote, 0, quote) == value.length();
  }
}
