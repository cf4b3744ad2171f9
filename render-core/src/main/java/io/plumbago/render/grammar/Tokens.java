package io.plumbago.render.grammar;

import io.plumbago.render.Target;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The grammar's token rules over one target's text — whitespace, keywords, names, numbers, strings and paths — which
 * match without recursion; {@link GrammarParser} composes them. Each returns where the token ends. Internal.
 */
final class Tokens {
  private final String s;
  private final int n;

  /** The tokens of {@code text} after tab expansion. */
  Tokens(String text) {
    this.s = expandTabs(text);
    this.n = s.length();
  }

  /** The text the positions refer to. */
  String text() {
    return s;
  }

  /** A token: its node (null for an unclosed string) and where it ends. */
  record Lexeme(Target node, int end) {}

  /**
   * pyparsing's parseString first replaces tabs with spaces to the next multiple of 8 columns, columns counted in code
   * points from the last CR or LF, as Python's {@code str.expandtabs()} does; so does graphite-web, strings included.
   */
  static String expandTabs(String text) {
    if (text.indexOf('\t') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int column = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\t') {
        int spaces = 8 - column % 8;
        out.append(" ".repeat(spaces));
        column += spaces;
      } else {
        out.appendCodePoint(cp);
        column = cp == '\n' || cp == '\r' ? 0 : column + 1;
      }
    }
    return out.toString();
  }

  int ws(int p) {
    while (p < n) {
      char c = s.charAt(p);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        break;
      }
      p++;
    }
    return p;
  }

  boolean at(int p, char c) {
    return p < n && s.charAt(p) == c;
  }

  /** pyparsing's CaselessKeyword: upper-cased text equal, and no identifier character ([A-Z0-9_$]) either side. */
  boolean caselessKeyword(int p, String word) {
    int len = word.length();
    if (p + len > n) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      String upper = String.valueOf(s.charAt(p + i)).toUpperCase(Locale.ROOT);
      if (upper.length() != 1 || upper.charAt(0) != word.charAt(i)) {
        return false;
      }
    }
    return (p == 0 || !isKeywordChar(s.charAt(p - 1))) && (p + len >= n || !isKeywordChar(s.charAt(p + len)));
  }

  private static boolean isKeywordChar(char c) {
    String upper = String.valueOf(c).toUpperCase(Locale.ROOT);
    if (upper.length() != 1) {
      return false;
    }
    char u = upper.charAt(0);
    return (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '$';
  }

  int identifierEnd(int p) {
    if (p >= n || !Syntax.isIdentifierStart(s.charAt(p))) {
      return p;
    }
    int e = p + 1;
    while (e < n && Syntax.isIdentifierPart(s.charAt(e))) {
      e++;
    }
    return e;
  }

  // number := (scientific | float | int), each only if followed by ',' or ')' or the end of a line.
  Lexeme number(int p) {
    p = ws(p);
    int mantissa = decimalEnd(p);
    if (mantissa < 0) {
      mantissa = integerEnd(p);
    }
    if (mantissa >= 0 && mantissa < n && (s.charAt(mantissa) == 'e' || s.charAt(mantissa) == 'E')) {
      int exponent = integerEnd(mantissa + 1);
      if (exponent >= 0 && followedByNumberEnd(exponent)) {
        return new Lexeme(new Target.FloatLiteral(Double.parseDouble(ascii(p, exponent))), exponent);
      }
    }
    int decimal = decimalEnd(p);
    if (decimal >= 0 && followedByNumberEnd(decimal)) {
      return new Lexeme(new Target.FloatLiteral(Double.parseDouble(ascii(p, decimal))), decimal);
    }
    int integer = integerEnd(p);
    if (integer >= 0 && followedByNumberEnd(integer)) {
      return new Lexeme(new Target.IntLiteral(new BigInteger(ascii(p, integer))), integer);
    }
    return null;
  }

  private boolean followedByNumberEnd(int e) {
    int q = ws(e);
    if (q == n || s.charAt(q) == ',' || s.charAt(q) == ')') {
      return true;
    }
    int line = e;
    while (line < n && (s.charAt(line) == ' ' || s.charAt(line) == '\t' || s.charAt(line) == '\r')) {
      line++;
    }
    return line == n || s.charAt(line) == '\n';
  }

  /** End of {@code -?\d+} (Python's \d: any Unicode decimal digit) at {@code p}, or -1. */
  private int integerEnd(int p) {
    int start = at(p, '-') ? p + 1 : p;
    int e = digitsEnd(start);
    return e > start ? e : -1;
  }

  /** End of {@code -?\d+\.\d+} at {@code p}, or -1. */
  private int decimalEnd(int p) {
    int whole = integerEnd(p);
    if (whole < 0 || !at(whole, '.')) {
      return -1;
    }
    int fraction = digitsEnd(whole + 1);
    return fraction > whole + 1 ? fraction : -1;
  }

  private int digitsEnd(int p) {
    while (p < n) {
      int cp = s.codePointAt(p);
      if (!Character.isDigit(cp)) {
        break;
      }
      p += Character.charCount(cp);
    }
    return p;
  }

  /** The number text with every decimal digit as ASCII, as Python's int() and float() read it. */
  private String ascii(int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      out.append(Character.isDigit(cp) ? (char) ('0' + Character.digit(cp, 10)) : (char) cp);
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** A string literal; an unclosed one is a lexeme with no node, ending where the closing quote was wanted. */
  Lexeme string(int p) {
    p = ws(p);
    if (p >= n || (s.charAt(p) != '"' && s.charAt(p) != '\'')) {
      return null;
    }
    char quote = s.charAt(p);
    int close = Syntax.scanQuoted(s, p + 1, quote);
    if (!at(close, quote)) {
      return new Lexeme(null, close);
    }
    return new Lexeme(new Target.StringLiteral(s.substring(p + 1, close)), close + 1);
  }

  // path := element ('.' element)*; no whitespace inside.
  Lexeme path(int p) {
    p = ws(p);
    StringBuilder text = new StringBuilder();
    int e = element(p, text);
    if (e < 0) {
      return null;
    }
    while (at(e, '.')) {
      int mark = text.length();
      int next = element(e + 1, text.append('.'));
      if (next < 0) {
        text.setLength(mark);
        break;
      }
      e = next;
    }
    return new Lexeme(new Target.Path(text.toString()), e);
  }

  private int element(int p, StringBuilder text) {
    int e = partial(p, text);
    if (e < 0) {
      e = braces(p, text);
    }
    if (e < 0) {
      return -1;
    }
    while (true) {
      int next = braces(e, text);
      if (next < 0) {
        next = partial(e, text);
      }
      if (next < 0) {
        return e;
      }
      e = next;
    }
  }

  /** Metric characters and backslash-escaped symbols; the backslashes are dropped, as graphite-web drops them. */
  private int partial(int p, StringBuilder text) {
    int e = p;
    while (e < n) {
      char c = s.charAt(e);
      if (c == '\\' && e + 1 < n && Syntax.isEscapable(s.charAt(e + 1))) {
        text.append(s.charAt(e + 1));
        e += 2;
      } else if (Syntax.isMetricChar(c)) {
        text.append(c);
        e++;
      } else {
        break;
      }
    }
    return e > p ? e : -1;
  }

  /** {@code {a,b,c}}, kept verbatim. */
  private int braces(int p, StringBuilder text) {
    if (!at(p, '{')) {
      return -1;
    }
    int mark = text.length();
    int e = partial(p + 1, text.append('{'));
    if (e < 0) {
      text.setLength(mark);
      return -1;
    }
    while (at(e, ',')) {
      int comma = text.length();
      int next = partial(e + 1, text.append(','));
      if (next < 0) {
        text.setLength(comma);
        break;
      }
      e = next;
    }
    if (!at(e, '}')) {
      text.setLength(mark);
      return -1;
    }
    text.append('}');
    return e + 1;
  }
}
