package io.plumbago.whisper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One element of a graphite path expression, matched against a folder or file name as graphite-web's whisper finder
 * matches it: braces are expanded first, innermost group first ({@code {a,{b,c}}} is {@code a}, {@code b}, {@code c};
 * an unclosed brace is an ordinary character), then each variant is a Python {@code fnmatch} pattern ({@code *},
 * {@code ?}, {@code [a-z]}, {@code [!a]}; an unclosed {@code [} is an ordinary character; there is no escaping).
 */
final class PathGlob {
  /**
   * More variants than this (a pattern such as {@code {a,b}{a,b}{a,b}...}), or four times as many expansion steps,
   * is refused rather than expanded: graphite-web would expand them all, taking the server down with it.
   */
  static final int MAX_VARIANTS = 4096;
  private final Pattern regex;
  private final List<String> literals;

  private PathGlob(Pattern regex, List<String> literals) {
    this.regex = regex;
    this.literals = literals;
  }

  /** The matcher for {@code element}; a {@link WhisperFormatException} when its braces expand too far. */
  static PathGlob compile(String element) {
    Set<String> variants = new LinkedHashSet<>();
    expandBraces(element, variants, new int[] {0});
    StringBuilder regex = new StringBuilder();
    boolean wildcard = false;
    for (String variant : variants) {
      regex.append(regex.length() == 0 ? "" : "|").append(translate(variant));
      wildcard |= variant.indexOf('*') >= 0 || variant.indexOf('?') >= 0 || variant.indexOf('[') >= 0;
    }
    return new PathGlob(Pattern.compile(regex.toString(), Pattern.DOTALL),
        wildcard ? null : List.copyOf(variants));
  }

  /** Whether {@code name} matches. */
  boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  /**
   * The names this element can only be (its brace variants) when none has a wildcard, else null: such names are
   * looked up instead of listing a folder, as graphite-web does.
   */
  List<String> literals() {
    return literals;
  }

  private static void expandBraces(String s, Set<String> into, int[] expansions) {
    if (++expansions[0] > MAX_VARIANTS * 4) {
      throw new WhisperFormatException("Path expression element expands to more than " + MAX_VARIANTS
          + " brace variants");
    }
    int open = -1;
    int close = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        open = i;
      } else if (c == '}' && open >= 0) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      if (into.add(s) && into.size() > MAX_VARIANTS) {
        throw new WhisperFormatException("Path expression element expands to more than " + MAX_VARIANTS
            + " brace variants");
      }
      return;
    }
    String head = s.substring(0, open);
    String tail = s.substring(close + 1);
    for (String alternative : s.substring(open + 1, close).split(",", -1)) {
      expandBraces(head + alternative + tail, into, expansions);
    }
  }

  /** Python 3.11's {@code fnmatch.translate}, written as a Java regex; every literal is quoted by code point. */
  private static String translate(String pattern) {
    int[] cp = pattern.codePoints().toArray();
    List<String> parts = new ArrayList<>(); // a null part is a star
    int n = cp.length;
    int i = 0;
    while (i < n) {
      int c = cp[i++];
      if (c == '*') {
        if (parts.isEmpty() || parts.get(parts.size() - 1) != null) {
          parts.add(null);
        }
      } else if (c == '?') {
        parts.add(".");
      } else if (c == '[') {
        int j = i;
        if (j < n && cp[j] == '!') {
          j++;
        }
        if (j < n && cp[j] == ']') {
          j++;
        }
        while (j < n && cp[j] != ']') {
          j++;
        }
        if (j >= n) {
          parts.add(literal('['));
        } else {
          parts.add(characterClass(java.util.Arrays.copyOfRange(cp, i, j)));
          i = j + 1;
        }
      } else {
        parts.add(literal(c));
      }
    }
    // Fixed parts, then star-fixed pairs: an interior pair matches lazily inside an atomic group and never backtracks,
    // as fnmatch's does, so a pattern full of stars stays linear; the last star is a plain greedy one.
    StringBuilder out = new StringBuilder("(?:");
    int k = 0;
    while (k < parts.size() && parts.get(k) != null) {
      out.append(parts.get(k++));
    }
    while (k < parts.size()) {
      k++; // the star
      StringBuilder fixed = new StringBuilder();
      while (k < parts.size() && parts.get(k) != null) {
        fixed.append(parts.get(k++));
      }
      if (k == parts.size()) {
        out.append(".*").append(fixed);
      } else {
        out.append("(?>.*?").append(fixed).append(')');
      }
    }
    return out.append(')').toString();
  }

  private static String characterClass(int[] stuff) {
    boolean negated = stuff.length > 0 && stuff[0] == '!';
    int i = negated ? 1 : 0;
    StringBuilder out = new StringBuilder(negated ? "[^" : "[");
    boolean any = false;
    while (i < stuff.length) {
      int lo = stuff[i];
      if (i + 2 < stuff.length && stuff[i + 1] == '-') {
        int hi = stuff[i + 2];
        if (lo <= hi) { // fnmatch drops an empty range such as z-a
          out.append(literal(lo)).append('-').append(literal(hi));
          any = true;
        }
        i += 3;
      } else {
        out.append(literal(lo));
        any = true;
        i++;
      }
    }
    if (!any) {
      return negated ? "." : "(?!)";
    }
    return out.append(']').toString();
  }

  private static String literal(int codePoint) {
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }
}
