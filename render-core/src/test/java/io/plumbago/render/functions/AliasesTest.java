package io.plumbago.render.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AliasesTest {
  @Test
  void fixedTwoRoundsTheExactBinaryValueHalfToEvenAsPythonDoes() {
    double[] values = {0.125, 1.005, -0.001, 2.675, 0.375, 1.0, -1722.035};
    String[] python = {"0.12", "1.00", "-0.00", "2.67", "0.38", "1.00", "-1722.04"};
    for (int i = 0; i < values.length; i++) {
      assertEquals(python[i], Aliases.fixed2(values[i]), "%.2f of " + values[i]);
    }
  }

  @Test
  void lastNodeReadsBetweenTheLastOpeningAndTheFirstClosingParenthesis() {
    assertEquals("c", Aliases.lastNode("a.b.c"));
    assertEquals("c", Aliases.lastNode("sumSeries(a.b.c)"));
    assertEquals("c", Aliases.lastNode("movingAverage(a.b.c,\"5min\")"));
    assertEquals("", Aliases.lastNode("f(a.b),g(c.d)"));
    assertEquals("", Aliases.lastNode("x)y(z.w"));
    assertEquals("plain", Aliases.lastNode("plain"));
  }

  @Test
  void formatUnitsPicksTheLargestPrefixReached() {
    assertEquals(1.5, (Double) Aliases.formatUnits(1500, "si")[0]);
    assertEquals("k", Aliases.formatUnits(1500, "si")[1]);
    assertEquals(1.0, (Double) Aliases.formatUnits(1024, "binary")[0]);
    assertEquals("Ki", Aliases.formatUnits(1024, "binary")[1]);
    assertEquals("", Aliases.formatUnits(999, "si")[1]);
    assertEquals("M", Aliases.formatUnits(-2e6, "si")[1]);
  }
}
