package io.plumbago.render.functions;

import io.plumbago.render.RenderException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Python 3 {@code re} pattern (as graphite-web's grep, exclude, aliasSub and useSeriesAbove take them) compiled to a
 * {@link Pattern} that matches the same strings, plus Python's {@code re.sub} with its replacement template syntax
 * ({@code \1}, {@code \g<name>}, {@code \n}). The syntax the two engines spell differently is rewritten: named groups
 * {@code (?P<name>...)}, {@code \Z}, {@code \v}, a {@code {} that is no quantifier, {@code {,n}}, a {@code [} or
 * {@code &&} inside a class, comments {@code (?#...)}; Java's own extensions Python rejects ({@code \p}, {@code \Q},
 * {@code \h}...) are errors. Python's {@code .} and {@code $} treat only {@code \n} as a line end and its {@code \w},
 * {@code \d}, {@code \s} are Unicode-aware, hence {@link Pattern#UNIX_LINES} and {@link
 * Pattern#UNICODE_CHARACTER_CLASS}. Immutable and thread-safe.
 */
final class PythonRegex {
  private static final String OCTAL = "01234567";
  private final Pattern pattern;
  private final Map<String, Integer> groupNames;
  private final int groupCount;

  private PythonRegex(Pattern pattern, Map<String, Integer> groupNames, int groupCount) {
    this.pattern = pattern;
    this.groupNames = groupNames;
    this.groupCount = groupCount;
  }

  /** Compiles Python pattern {@code source}; a 400 when Python would reject it or Java cannot express it. */
  static PythonRegex compile(String source) {
    Translator t = new Translator(source);
    String java = t.translate();
    try {
      return new PythonRegex(Pattern.compile(java, Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS),
          t.names, t.groups);
    } catch (PatternSyntaxException e) {
      throw bad("invalid regular expression " + Values.repr(source) + ": " + e.getDescription());
    }
  }

  /** Python's {@code regex.search(text) is not None}. */
  boolean search(String text) {
    return pattern.matcher(text).find();
  }

  /** Python's {@code re.sub(pattern, template, text)}: every match replaced by the expanded template. */
  String sub(String template, String text) {
    Object[] parts = parseTemplate(template);
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      for (Object part : parts) {
        if (part instanceof Integer g) {
          String value = m.group(g);
          if (value != null) {
            out.append(value);
          }
        } else {
          out.append((String) part);
        }
      }
      last = m.end();
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  /** The template as literal strings and group numbers, as Python's {@code sre_parse.parse_template} reads it. */
  private Object[] parseTemplate(String template) {
    java.util.List<Object> parts = new java.util.ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i++);
      if (c != '\\') {
        literal.append(c);
        continue;
      }
      if (i >= n) {
        throw bad("bad escape (end of pattern) in replacement " + Values.repr(template));
      }
      char e = template.charAt(i++);
      int group = -1;
      if (e == 'g') {
        int close = template.indexOf('>', i);
        if (i >= n || template.charAt(i) != '<' || close < 0) {
          throw bad("missing group name in replacement " + Values.repr(template));
        }
        String name = template.substring(i + 1, close);
        i = close + 1;
        if (!name.isEmpty() && name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          group = Integer.parseInt(name.length() > 9 ? "999999999" : name);
        } else if (groupNames.containsKey(name)) {
          group = groupNames.get(name);
        } else {
          throw bad("unknown group name '" + name + "' in replacement " + Values.repr(template));
        }
      } else if (e == '0') {
        int value = 0;
        for (int k = 0; k < 2 && i < n && OCTAL.indexOf(template.charAt(i)) >= 0; k++) {
          value = value * 8 + (template.charAt(i++) - '0');
        }
        literal.append((char) value);
        continue;
      } else if (e >= '1' && e <= '9') {
        group = e - '0';
        if (i < n && Character.isDigit(template.charAt(i)) && template.charAt(i) < 128) {
          char d = template.charAt(i);
          if (OCTAL.indexOf(e) >= 0 && OCTAL.indexOf(d) >= 0 && i + 1 < n
              && OCTAL.indexOf(template.charAt(i + 1)) >= 0) {
            int value = (e - '0') * 64 + (d - '0') * 8 + (template.charAt(i + 1) - '0');
            if (value > 0377) {
              throw bad("octal escape value outside of range 0-0o377 in replacement " + Values.repr(template));
            }
            i += 2;
            literal.append((char) value);
            continue;
          }
          group = group * 10 + (d - '0');
          i++;
        }
      } else {
        String simple = switch (e) {
          case 'a' -> "\u0007";
          case 'b' -> "\b";
          case 'f' -> "\f";
          case 'n' -> "\n";
          case 'r' -> "\r";
          case 't' -> "\t";
          case 'v' -> "\u000b";
          case '\\' -> "\\";
          default -> null;
        };
        if (simple == null) {
          if (e < 128 && Character.isLetter(e)) {
            throw bad("bad escape \\" + e + " in replacement " + Values.repr(template));
          }
          simple = "\\" + e;
        }
        literal.append(simple);
        continue;
      }
      if (group > groupCount) {
        throw bad("invalid group reference " + group + " in replacement " + Values.repr(template));
      }
      if (literal.length() > 0) {
        parts.add(literal.toString());
        literal.setLength(0);
      }
      parts.add(group);
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return parts.toArray();
  }

  private static RenderException bad(String message) {
    return new RenderException(400, message);
  }

  /** Rewrites Python syntax into Java syntax in one pass, numbering the groups as it goes. */
  private static final class Translator {
    private final String src;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, Integer> names = new HashMap<>();
    private int groups;
    private int i;

    Translator(String src) {
      this.src = src;
    }

    String translate() {
      while (i < src.length()) {
        char c = src.charAt(i);
        switch (c) {
          case '\\' -> escape(false);
          case '[' -> charClass();
          case '(' -> group();
          case '{' -> brace();
          case '}' -> {
            out.append("\\}");
            i++;
          }
          default -> {
            out.append(c);
            i++;
          }
        }
      }
      return out.toString();
    }

    private void group() {
      i++;
      if (!src.startsWith("?", i)) {
        groups++;
        out.append('(');
        return;
      }
      if (src.startsWith("?P<", i)) {
        int close = src.indexOf('>', i);
        if (close < 0) {
          throw bad("missing >, unterminated name in " + Values.repr(src));
        }
        String name = src.substring(i + 3, close);
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
            || !name.chars().allMatch(Character::isJavaIdentifierPart) || names.containsKey(name)) {
          throw bad("bad character in group name '" + name + "' in " + Values.repr(src));
        }
        groups++;
        names.put(name, groups);
        out.append('(');
        i = close + 1;
      } else if (src.startsWith("?P=", i)) {
        int close = src.indexOf(')', i);
        String name = close < 0 ? "" : src.substring(i + 3, close);
        Integer g = names.get(name);
        if (g == null) {
          throw bad("unknown group name '" + name + "' in " + Values.repr(src));
        }
        out.append("(?:\\").append(g).append(')');
        i = close + 1;
      } else if (src.startsWith("?#", i)) {
        int close = src.indexOf(')', i);
        if (close < 0) {
          throw bad("missing ), unterminated comment in " + Values.repr(src));
        }
        i = close + 1;
      } else if (src.startsWith("?(", i)) {
        throw bad("conditional groups are not supported: " + Values.repr(src));
      } else if (src.startsWith("?<", i) && !src.startsWith("?<=", i) && !src.startsWith("?<!", i)) {
        throw bad("unknown extension ?<" + " in " + Values.repr(src));
      } else {
        int j = i + 1;
        while (j < src.length() && "aiLmsux-".indexOf(src.charAt(j)) >= 0) {
          j++;
        }
        if (j > i + 1 && j < src.length() && (src.charAt(j) == ')' || src.charAt(j) == ':')) {
          String flags = src.substring(i + 1, j).replace("a", "").replace("L", "").replace("u", "");
          boolean scoped = src.charAt(j) == ':';
          if (flags.isEmpty() || flags.equals("-")) {
            out.append(scoped ? "(?:" : "");
            i = j + 1;
            return;
          }
          out.append("(?").append(flags).append(src.charAt(j));
          i = j + 1;
          return;
        }
        out.append('(');
      }
    }

    /** {@code {m,n}} is a quantifier only when it is well formed; otherwise Python reads a literal brace. */
    private void brace() {
      int j = i + 1;
      int loStart = j;
      while (j < src.length() && isAsciiDigit(src.charAt(j))) {
        j++;
      }
      String lo = src.substring(loStart, j);
      String hi = null;
      if (j < src.length() && src.charAt(j) == ',') {
        j++;
        int hiStart = j;
        while (j < src.length() && isAsciiDigit(src.charAt(j))) {
          j++;
        }
        hi = src.substring(hiStart, j);
      }
      if (j < src.length() && src.charAt(j) == '}' && !(lo.isEmpty() && hi == null)) {
        out.append('{').append(lo.isEmpty() ? "0" : lo);
        if (hi != null) {
          out.append(',').append(hi);
        }
        out.append('}');
        i = j + 1;
        return;
      }
      out.append("\\{");
      i++;
    }

    private void charClass() {
      out.append('[');
      i++;
      if (i < src.length() && src.charAt(i) == '^') {
        out.append('^');
        i++;
      }
      boolean first = true;
      while (true) {
        if (i >= src.length()) {
          throw bad("unterminated character set in " + Values.repr(src));
        }
        char c = src.charAt(i);
        if (c == ']' && !first) {
          out.append(']');
          i++;
          return;
        }
        first = false;
        if (c == '\\') {
          escape(true);
        } else if (c == '[' || c == ']' || c == '&') {
          out.append('\\').append(c);
          i++;
        } else {
          out.append(c);
          i++;
        }
      }
    }

    private void escape(boolean inClass) {
      if (i + 1 >= src.length()) {
        throw bad("bad escape (end of pattern) in " + Values.repr(src));
      }
      char e = src.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'd', 'D', 's', 'S', 'w', 'W', 'n', 'r', 't', 'f', 'a', '\\' -> out.append('\\').append(e);
        case 'v' -> out.append("\\x0B");
        case 'A', 'B', 'Z' -> {
          if (inClass) {
            throw bad("bad escape \\" + e + " in " + Values.repr(src));
          }
          out.append(e == 'Z' ? "\\z" : "\\" + e);
        }
        case 'b' -> out.append(inClass ? "\\x08" : "\\b");
        case 'x' -> codePoint(2, e);
        case 'u' -> codePoint(4, e);
        case 'U' -> codePoint(8, e);
        case 'N' -> {
          int close = src.indexOf('}', i);
          if (!src.startsWith("{", i) || close < 0) {
            throw bad("missing {} in \\N escape in " + Values.repr(src));
          }
          out.append("\\N").append(src, i, close + 1);
          i = close + 1;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> digits(e, inClass);
        default -> {
          if (e < 128 && Character.isLetter(e)) {
            throw bad("bad escape \\" + e + " in " + Values.repr(src));
          }
          out.append('\\').append(e);
        }
      }
    }

    private void codePoint(int digits, char e) {
      if (i + digits > src.length()) {
        throw bad("incomplete escape \\" + e + " in " + Values.repr(src));
      }
      String hex = src.substring(i, i + digits);
      int value;
      try {
        value = Integer.parseUnsignedInt(hex, 16);
      } catch (NumberFormatException ex) {
        throw bad("incomplete escape \\" + e + hex + " in " + Values.repr(src));
      }
      if (!hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) || value > Character.MAX_CODE_POINT) {
        throw bad("bad escape \\" + e + hex + " in " + Values.repr(src));
      }
      out.append("\\x{").append(Integer.toHexString(value)).append('}');
      i += digits;
    }

    /** Octal escapes ({@code \0}, {@code \012}, {@code \123}) or a group reference of one or two digits. */
    private void digits(char first, boolean inClass) {
      String s = src;
      if (first == '0' || inClass && OCTAL.indexOf(first) >= 0) {
        int value = first - '0';
        for (int k = 0; k < 2 && i < s.length() && OCTAL.indexOf(s.charAt(i)) >= 0; k++) {
          value = value * 8 + (s.charAt(i++) - '0');
        }
        out.append("\\x{").append(Integer.toHexString(value)).append('}');
        return;
      }
      if (inClass) {
        throw bad("bad escape \\" + first + " in " + Values.repr(src));
      }
      if (OCTAL.indexOf(first) >= 0 && i + 1 < s.length() && OCTAL.indexOf(s.charAt(i)) >= 0
          && OCTAL.indexOf(s.charAt(i + 1)) >= 0) {
        int value = (first - '0') * 64 + (s.charAt(i) - '0') * 8 + (s.charAt(i + 1) - '0');
        if (value > 0377) {
          throw bad("octal escape value outside of range 0-0o377 in " + Values.repr(src));
        }
        out.append("\\x{").append(Integer.toHexString(value)).append('}');
        i += 2;
        return;
      }
      int group = first - '0';
      if (i < s.length() && isAsciiDigit(s.charAt(i))) {
        group = group * 10 + (s.charAt(i++) - '0');
      }
      if (group > groups) {
        throw bad("invalid group reference " + group + " in " + Values.repr(src));
      }
      out.append("(?:\\").append(group).append(')');
    }

    private static boolean isAsciiDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
