package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetParserTest {
  private static Target.Path path(String text) {
    return new Target.Path(text);
  }

  private static Target.Call call(String function, Target... args) {
    return new Target.Call(function, List.of(args), List.of());
  }

  @Test
  void aCallHoldsPathsLiteralsAndKeywordArguments() {
    Target target = TargetParser.parseStrict("summarize(servers.{web,db}[0-9].cpu, '1h', \"sum\", alignToFrom=TRUE)");
    assertEquals(new Target.Call("summarize",
        List.of(path("servers.{web,db}[0-9].cpu"), new Target.StringLiteral("1h"), new Target.StringLiteral("sum")),
        List.of(new Target.Keyword("alignToFrom", new Target.BooleanLiteral(true)))), target);
  }

  @Test
  void numbersAreIntegersOrFloatsOnlyWhereAnArgumentEnds() {
    assertEquals(call("f", new Target.IntLiteral(BigInteger.valueOf(-7)), new Target.FloatLiteral(1.5),
        new Target.FloatLiteral(-2e-3), path("1-2")), TargetParser.parseStrict("f(-7, 1.5, -2E-3, 1-2)"));
    assertEquals(path("1.5"), TargetParser.parseStrict("1.5"));
  }

  @Test
  void aPipeIsTheSameCallNested() {
    assertEquals(TargetParser.parseStrict("alias(scale(a.b, 2), 'x')"),
        TargetParser.parseStrict("a.b | scale(2)|alias('x')"));
  }

  @Test
  void templateArgumentsFillItsVariables() {
    assertEquals(new Target.Template(path("hosts.$host.cpu"), List.of(),
        List.of(new Target.Keyword("host", new Target.StringLiteral("web1")))),
        TargetParser.parseStrict("template(hosts.$host.cpu, host=\"web1\")"));
  }

  @Test
  void likeGraphiteWebParseIgnoresWhatFollowsTheLongestTarget() {
    assertEquals(path("f"), TargetParser.parse("f(1,)"));
    assertEquals(path("f"), TargetParser.parse("f(x=1)"));
    assertEquals(path("a.b"), TargetParser.parse("a.b c"));
    TargetSyntaxException strict = assertThrows(TargetSyntaxException.class, () -> TargetParser.parseStrict("f(1,)"));
    assertEquals(4, strict.position());
    assertEquals(400, strict.status());
  }

  @Test
  void textWithNoTargetAtItsStartIsASyntaxErrorWithAPosition() {
    assertEquals(0, assertThrows(TargetSyntaxException.class, () -> TargetParser.parse("(a)")).position());
    assertEquals(2, assertThrows(TargetSyntaxException.class, () -> TargetParser.parse("  ")).position());
  }

  @Test
  void backslashesEscapeSymbolsInPathsAndStayInStrings() {
    assertEquals(call("f", path("a.b(c)"), new Target.StringLiteral("x\\'y")),
        TargetParser.parseStrict("f(a\\.b\\(c\\), 'x\\'y')"));
  }

  @Test
  void tabsAreExpandedToEightColumnStopsBeforeParsingAsPyparsingDoes() {
    assertEquals(call("f", new Target.StringLiteral("a    b")), TargetParser.parseStrict("f(\"a\tb\")"));
  }

  @Test
  void formatWritesGraphiteSyntax() {
    Target target = TargetParser.parseStrict("a.b|f( 1,  x = None )");
    assertEquals("f(a.b,1,x=None)", target.format());
  }
}
