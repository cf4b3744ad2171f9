package io.plumbago.render;

import io.plumbago.render.grammar.GrammarParser;

/**
 * Parses render targets exactly as graphite-web 1.1's pyparsing grammar does. Stateless and thread-safe.
 *
 * <p>graphite-web parses the longest prefix of a target its grammar matches and ignores the rest: {@code f(1,)} is the
 * path {@code f}, {@code a.b c} is {@code a.b}. {@link #parse} does the same; {@link #parseStrict} rejects the rest.
 * Like pyparsing, it first expands tabs to spaces (8-column stops), inside quoted strings too, and error positions
 * count in the expanded text. Nesting deeper than {@value GrammarParser#MAX_DEPTH} levels is rejected (graphite-web's
 * recursion gives out sooner, at about 40).
 */
public final class TargetParser {
  private TargetParser() {}

  /**
   * The target graphite-web reads from {@code text}, ignoring whatever follows what its grammar matches.
   *
   * @throws TargetSyntaxException when no prefix of {@code text} is a target (blank, or starting with {@code (},
   *     {@code ,}, {@code .}, a quote…)
   */
  public static Target parse(String text) {
    return new GrammarParser(text).parse(false);
  }

  /** Like {@link #parse}, but trailing text other than whitespace is a {@link TargetSyntaxException} too. */
  public static Target parseStrict(String text) {
    return new GrammarParser(text).parse(true);
  }
}
