package io.plumbago.render.time;

import java.util.Arrays;
import java.util.Locale;

/** Python's {@code str} operations that {@code parseATTime} uses, over the code points Python indexes by. */
final class PyText {
  private PyText() {}

  /** strip(), lower(), and the underscores, commas and spaces removed, as code points. */
  static int[] clean(String text) {
    int[] s = text.codePoints().toArray();
    int from = 0;
    int to = s.length;
    while (from < to && isSpace(s[from])) {
      from++;
    }
    while (to > from && isSpace(s[to - 1])) {
      to--;
    }
    return new String(s, from, to - from).toLowerCase(Locale.ROOT).codePoints()
        .filter(c -> c != '_' && c != ',' && c != ' ').toArray();
  }

  /** Python's {@code str.isspace()}. */
  static boolean isSpace(int c) {
    return c >= 0x09 && c <= 0x0d || c >= 0x1c && c <= 0x20 || c == 0x85 || c == 0xa0 || c == 0x1680
        || c >= 0x2000 && c <= 0x200a || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
  }

  /** Python's {@code str.isdigit()} for one code point: decimal digits, and digits such as superscripts. */
  static boolean isDigit(int c) {
    int type = Character.getType(c);
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return true;
    }
    int value = Character.getNumericValue(c);
    return type == Character.OTHER_NUMBER && value >= 0 && value <= 9;
  }

  /** Python's {@code s[from:to].isdigit()}; false when empty. */
  static boolean isDigits(int[] s, int from, int to) {
    from = Math.max(from, 0);
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s[i])) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(int[] s, String needle, int from) {
    for (int i = from; i + needle.length() <= s.length; i++) {
      if (matches(s, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  static boolean matches(int[] s, int at, String prefix) {
    if (at + prefix.length() > s.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (s[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWith(int[] s, String prefix) {
    return matches(s, 0, prefix);
  }

  /** Whether {@code s[at:]} is exactly {@code word}. */
  static boolean isWord(int[] s, int at, String word) {
    return s.length - at == word.length() && matches(s, at, word);
  }

  static int count(int[] s, int c) {
    int n = 0;
    for (int x : s) {
      n += x == c ? 1 : 0;
    }
    return n;
  }

  static int[] tail(int[] s, int from) {
    return from >= s.length ? new int[0] : Arrays.copyOfRange(s, from, s.length);
  }

  /** The index of the name {@code s[:3]} is, or -1. */
  static int find(String[] names, int[] s) {
    for (int i = 0; i < names.length; i++) {
      if (matches(s, 0, names[i])) {
        return i;
      }
    }
    return -1;
  }
}
