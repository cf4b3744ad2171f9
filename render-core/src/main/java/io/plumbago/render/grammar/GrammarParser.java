package io.plumbago.render.grammar;

import io.plumbago.render.Target;
import io.plumbago.render.TargetSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * One parse of one target, following graphite-web's pyparsing grammar rule for rule: ordered choice without
 * backtracking into a chosen alternative, whitespace ({@code " \t\r\n"}) skipped before every token except inside a
 * path or a number, and the longest matched prefix kept. Calls, expressions and keyword arguments are memoized by
 * position so the grammar's look-aheads cost linear time. Not thread-safe; internal to render-core.
 */
public final class GrammarParser {
  /** The deepest nesting of expressions accepted. */
  public static final int MAX_DEPTH = 100;

  private final Tokens tokens;
  private final String s;
  private final int n;
  private final Map<Integer, Memo> calls = new HashMap<>();
  private final Map<Integer, Memo> expressions = new HashMap<>();
  private final Map<Integer, Memo> keywords = new HashMap<>();
  private int end;
  private int depth;
  private int farthest = -1;
  private String expected = "a target";

  /** A parser of {@code text}. */
  public GrammarParser(String text) {
    this.tokens = new Tokens(text);
    this.s = tokens.text();
    this.n = s.length();
  }

  /** The target; with {@code strict}, trailing text other than whitespace is an error too. */
  public Target parse(boolean strict) {
    Target target = expression(0);
    if (target == null) {
      throw error();
    }
    if (strict) {
      int rest = ws(end);
      if (rest < n) {
        expect(rest, "the end of the target");
        throw error();
      }
    }
    return target;
  }

  private TargetSyntaxException error() {
    int at = Math.max(farthest, 0);
    String found = at >= n ? "the end of the target" : "'" + s.charAt(at) + "'";
    return new TargetSyntaxException(at, "Invalid target at position " + at + ": expected " + expected + ", found "
        + found);
  }

  private void expect(int position, String what) {
    if (position > farthest) {
      farthest = position;
      expected = what;
    }
  }

  // expression := (template | call | path) ('|' call)*
  private Target expression(int p) {
    Memo memo = expressions.get(p);
    if (memo != null) {
      return recall(memo);
    }
    if (++depth > MAX_DEPTH) {
      throw new TargetSyntaxException(p, "Invalid target at position " + p + ": nested deeper than " + MAX_DEPTH);
    }
    try {
      Target head = template(p);
      if (head == null) {
        head = call(p);
      }
      if (head == null) {
        head = path(p);
      }
      if (head != null) {
        int e = end;
        while (true) {
          int q = ws(e);
          if (!at(q, '|')) {
            break;
          }
          Target.Call piped = call(q + 1);
          if (piped == null) {
            break;
          }
          List<Target> args = new ArrayList<>(piped.args().size() + 1);
          args.add(head);
          args.addAll(piped.args());
          head = new Target.Call(piped.function(), args, piped.kwargs());
          e = end;
        }
        end = e;
      }
      return remember(expressions, p, head);
    } finally {
      depth--;
    }
  }

  /** A memoized result of one rule at one position: the node (null when the rule failed there) and its end. */
  private record Memo(Object result, int end) {}

  @SuppressWarnings("unchecked")
  private <T> T recall(Memo memo) {
    end = memo.end();
    return (T) memo.result();
  }

  private <T> T remember(Map<Integer, Memo> table, int p, T result) {
    table.put(p, new Memo(result, end));
    return result;
  }

  // template := 'template' '(' (call | path) [',' (litargs | litkwargs)] ')'
  private Target template(int p) {
    p = ws(p);
    if (!s.startsWith("template", p)) {
      return null;
    }
    int q = ws(p + 8);
    if (!at(q, '(')) {
      expect(q, "'('");
      return null;
    }
    Target inner = call(q + 1);
    if (inner == null) {
      inner = path(q + 1);
    }
    if (inner == null) {
      return null;
    }
    q = ws(end);
    List<Target> args = new ArrayList<>();
    List<Target.Keyword> kwargs = new ArrayList<>();
    if (at(q, ',')) {
      if (delimited(q + 1, this::literal, r -> literalKeyword(r) != null, args)) {
        q = ws(end);
      } else if (delimited(q + 1, this::literalKeyword, r -> false, kwargs)) {
        q = ws(end);
      }
    }
    if (!at(q, ')')) {
      expect(q, "')'");
      return null;
    }
    end = q + 1;
    return new Target.Template(inner, args, kwargs);
  }

  /**
   * pyparsing's {@code delimitedList(~guard + element)}: one or more elements separated by commas, stopping before a
   * comma whose element is missing or starts with what {@code guard} accepts. Leaves {@code end} after the last.
   */
  private <T> boolean delimited(int p, IntFunction<T> element, IntPredicate guard, List<T> out) {
    int e = p;
    while (true) {
      int q = p;
      if (!out.isEmpty()) {
        q = ws(e);
        if (!at(q, ',')) {
          break;
        }
        q++;
      }
      T next = guard.test(q) ? null : element.apply(q);
      if (next == null) {
        break;
      }
      out.add(next);
      e = end;
    }
    end = e;
    return !out.isEmpty();
  }

  private Target.Keyword literalKeyword(int p) {
    return namedValue(p, this::literal);
  }

  private Target literal(int p) {
    Target number = number(p);
    return number != null ? number : string(p);
  }

  // call := name '(' [args [',' kwargs]] ')'
  private Target.Call call(int p) {
    Memo memo = calls.get(p);
    if (memo != null) {
      return recall(memo);
    }
    return remember(calls, p, parseCall(p));
  }

  private Target.Call parseCall(int p) {
    p = ws(p);
    int nameEnd = identifierEnd(p);
    if (nameEnd == p) {
      expect(p, "a function name or a path");
      return null;
    }
    int q = ws(nameEnd);
    if (!at(q, '(')) {
      expect(q, "'('");
      return null;
    }
    List<Target> args = new ArrayList<>();
    List<Target.Keyword> kwargs = new ArrayList<>();
    int e = q + 1;
    // Positional arguments are guarded by "not a keyword argument", as graphite-web's ~kwarg look-ahead does.
    if (delimited(e, this::argument, r -> keyword(r) != null, args)) {
      e = end;
      int c = ws(e);
      if (at(c, ',') && delimited(c + 1, this::keyword, r -> false, kwargs)) {
        e = end;
      } else {
        kwargs.clear();
      }
    } else {
      args.clear();
    }
    int r = ws(e);
    if (!at(r, ')')) {
      expect(r, args.isEmpty() ? "an argument or ')'" : "',' or ')'");
      return null;
    }
    end = r + 1;
    return new Target.Call(s.substring(p, nameEnd), args, kwargs);
  }

  private Target.Keyword keyword(int p) {
    Memo memo = keywords.get(p);
    if (memo != null) {
      return recall(memo);
    }
    return remember(keywords, p, namedValue(p, this::argument));
  }

  /** {@code name = value}. */
  private Target.Keyword namedValue(int p, IntFunction<Target> value) {
    int at = ws(p);
    int nameEnd = identifierEnd(at);
    if (nameEnd == at) {
      return null;
    }
    int q = ws(nameEnd);
    Target parsed = at(q, '=') ? value.apply(q + 1) : null;
    return parsed == null ? null : new Target.Keyword(s.substring(at, nameEnd), parsed);
  }

  // arg := boolean | number | none | string | inf | expression
  private Target argument(int p) {
    p = ws(p);
    if (caselessKeyword(p, "TRUE")) {
      end = p + 4;
      return new Target.BooleanLiteral(true);
    }
    if (caselessKeyword(p, "FALSE")) {
      end = p + 5;
      return new Target.BooleanLiteral(false);
    }
    Target number = number(p);
    if (number != null) {
      return number;
    }
    if (caselessKeyword(p, "NONE")) {
      end = p + 4;
      return new Target.NoneLiteral();
    }
    Target string = string(p);
    if (string != null) {
      return string;
    }
    if (caselessKeyword(p, "INF")) {
      end = p + 3;
      return new Target.InfinityLiteral();
    }
    Target expression = expression(p);
    if (expression == null) {
      expect(p, "an argument");
    }
    return expression;
  }

  private int ws(int p) {
    return tokens.ws(p);
  }

  private boolean at(int p, char c) {
    return tokens.at(p, c);
  }

  private int identifierEnd(int p) {
    return tokens.identifierEnd(p);
  }

  private boolean caselessKeyword(int p, String word) {
    return tokens.caselessKeyword(p, word);
  }

  private Target number(int p) {
    return take(tokens.number(p));
  }

  private Target string(int p) {
    Tokens.Lexeme string = tokens.string(p);
    if (string != null && string.node() == null) {
      expect(string.end(), "a closing quote");
      return null;
    }
    return take(string);
  }

  private Target path(int p) {
    Tokens.Lexeme path = tokens.path(p);
    if (path == null) {
      expect(ws(p), "a function call or a path");
    }
    return take(path);
  }

  private Target take(Tokens.Lexeme lexeme) {
    if (lexeme == null) {
      return null;
    }
    end = lexeme.end();
    return lexeme.node();
  }
}
