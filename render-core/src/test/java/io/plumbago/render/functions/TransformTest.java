package io.plumbago.render.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransformTest {
  @Test
  void roundsAsPythonRoundsFloats() {
    // expected values from CPython 3's round(x, n)
    assertEquals(2.67, Transform.pythonRound(2.675, 2));
    assertEquals(0.0, Transform.pythonRound(0.5, 0));
    assertEquals(2.0, Transform.pythonRound(1.5, 0));
    assertEquals(2.0, Transform.pythonRound(2.5, 0));
    assertEquals(-2.0, Transform.pythonRound(-2.5, 0));
    assertEquals(0.12, Transform.pythonRound(0.125, 2));
    assertEquals(0.38, Transform.pythonRound(0.375, 2));
    assertEquals(1234.567895, Transform.pythonRound(1234.5678949999, 6));
    assertEquals(1e15, Transform.pythonRound(1e15 + 0.5, 0));
    assertEquals(20.0, Transform.pythonRound(25.0, -1));
    assertEquals(40.0, Transform.pythonRound(35.0, -1));
    assertEquals(1.000001, Transform.pythonRound(1.0000005, 6));
    assertEquals(0.123456, Transform.pythonRound(0.1234565, 6));
    assertEquals(123000.0, Transform.pythonRound(123456.7, -3));
    assertEquals(0.0, Transform.pythonRound(Double.MIN_VALUE, 6));
    assertTrue(Double.isInfinite(Transform.pythonRound(Double.POSITIVE_INFINITY, 6)));
  }

  @Test
  void negativeZeroKeepsItsSign() {
    assertEquals(-0.0, Transform.pythonRound(-0.5, 0));
    assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(Transform.pythonRound(-0.5, 0)));
  }

  @Test
  void formatsPercentDAsPythonTruncating() {
    assertEquals("2", Transform.pythonD(2.7));
    assertEquals("-2", Transform.pythonD(-2.7));
    assertEquals("100000000000000000000", Transform.pythonD(1e20));
  }

  @Test
  void powerErrorsAreNone() {
    assertTrue(Double.isNaN(Transform.safePow(0, -1)));
    assertTrue(Double.isNaN(Transform.safePow(-8, 0.5)));
    assertTrue(Double.isNaN(Transform.safePow(1e300, 2)));
    assertEquals(0.25, Transform.safePow(4, -1));
  }
}
