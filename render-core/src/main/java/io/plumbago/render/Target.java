package io.plumbago.render;

import io.plumbago.render.grammar.Syntax;
import io.plumbago.render.grammar.TargetFormatter;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One parsed render target, as graphite-web's grammar reads a {@code target=} parameter: a path expression, a function
 * call, {@code template()}, or (as an argument) a literal. Instances are immutable records, compared by value, and
 * safe to share between threads. {@link TargetParser} makes them; {@link #format()} writes them back in graphite
 * syntax ({@code toString()} is the records' own).
 *
 * <p>A pipe is not a node of its own: {@code a.b|f(1)|g(2)} is the same call as {@code g(f(a.b, 1), 2)}, which is how
 * graphite-web's evaluator runs it. String literals hold the text between the quotes as written (graphite-web does
 * not undo backslash escapes); path expressions hold graphite-web's text of the path, with globs, braces and character
 * classes kept and escaping backslashes dropped.
 */
public sealed interface Target {

  /** The target in graphite syntax that {@link TargetParser} reads back as an equal target, with the exceptions below.
   * A path whose text reads as a literal ({@code true}, {@code none}, {@code inf}, a number) or a call named
   * {@code true}, {@code false}, {@code none} or {@code inf} cannot be written as an argument: graphite-web reads a
   * literal there. */
  default String format() {
    return TargetFormatter.format(this);
  }

  /** A metric path expression such as {@code servers.{web,db}[0-9].cpu.*}: printable ASCII, never empty. */
  record Path(String text) implements Target {
    /** A path with graphite-web's {@code text}; throws {@link IllegalArgumentException} if no path spells it. */
    public Path {
      Objects.requireNonNull(text, "text");
      if (!Syntax.isPathText(text)) {
        throw new IllegalArgumentException("not a path expression's text: " + text);
      }
    }
  }

  /** A keyword argument {@code name=value}. */
  record Keyword(String name, Target value) {
    /** A keyword argument; {@code name} must be an identifier. */
    public Keyword {
      Objects.requireNonNull(value, "value");
      if (!Syntax.isIdentifier(name)) {
        throw new IllegalArgumentException("not an argument name: " + name);
      }
    }
  }

  /**
   * A call {@code function(args..., kwargs...)}. graphite-web's grammar accepts keyword arguments only after at least
   * one positional argument, so a call with keywords and no positional argument is rejected.
   */
  record Call(String function, List<Target> args, List<Keyword> kwargs) implements Target {
    /** A call; copies the lists. */
    public Call {
      if (!Syntax.isIdentifier(function)) {
        throw new IllegalArgumentException("not a function name: " + function);
      }
      args = List.copyOf(args);
      kwargs = List.copyOf(kwargs);
      if (args.isEmpty() && !kwargs.isEmpty()) {
        throw new IllegalArgumentException("graphite-web's grammar has no keyword-only call: " + function);
      }
    }
  }

  /**
   * {@code template(inner, args...)} or {@code template(inner, kwargs...)}: {@code inner} is a path or a call, the
   * arguments are number or string literals filling {@code $1, $2…} or {@code $name}; never both kinds.
   */
  record Template(Target inner, List<Target> args, List<Keyword> kwargs) implements Target {
    /** A template; copies the lists. */
    public Template {
      if (!(inner instanceof Path) && !(inner instanceof Call)) {
        throw new IllegalArgumentException("template() wraps a path or a call, not " + inner);
      }
      args = List.copyOf(args);
      kwargs = List.copyOf(kwargs);
      if (!args.isEmpty() && !kwargs.isEmpty()) {
        throw new IllegalArgumentException("template() takes positional or keyword values, not both");
      }
      for (Target arg : args) {
        requireTemplateValue(arg);
      }
      for (Keyword kwarg : kwargs) {
        requireTemplateValue(kwarg.value());
      }
    }

    private static void requireTemplateValue(Target value) {
      if (!(value instanceof IntLiteral) && !(value instanceof FloatLiteral) && !(value instanceof StringLiteral)) {
        throw new IllegalArgumentException("template() values are numbers or strings, not " + value);
      }
    }
  }

  /**
   * A quoted string; {@code value} is the text between the quotes, backslash escapes left as written. It never holds a
   * tab: graphite-web expands tabs to spaces before it parses.
   */
  record StringLiteral(String value) implements Target {
    /** A string literal; throws {@link IllegalArgumentException} if neither quote can enclose {@code value}. */
    public StringLiteral {
      Objects.requireNonNull(value, "value");
      if (value.indexOf('\t') >= 0 || !Syntax.isQuotable(value, '"') && !Syntax.isQuotable(value, '\'')) {
        throw new IllegalArgumentException("no quoted string holds: " + value);
      }
    }
  }

  /** An integer literal ({@code -?\d+}); Python integers are unbounded. */
  record IntLiteral(BigInteger value) implements Target {
    /** An integer literal. */
    public IntLiteral {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A float literal ({@code 1.5}, {@code -2e3}); never NaN, infinite only when written past the double range. */
  record FloatLiteral(double value) implements Target {
    /** A float literal; NaN has no spelling in the grammar. */
    public FloatLiteral {
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException("NaN has no literal");
      }
    }
  }

  /** {@code true} or {@code false}, any case. */
  record BooleanLiteral(boolean value) implements Target {}

  /** {@code None}, any case. */
  record NoneLiteral() implements Target {}

  /** {@code inf}, any case: positive infinity. */
  record InfinityLiteral() implements Target {}
}
