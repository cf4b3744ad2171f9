package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.render.format.PythonFloats;
import io.plumbago.whisper.testing.Peers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PythonFloatsTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void reprReadsBackToTheSameDouble(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 1000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        continue;
      }
      assertEquals(value, Double.parseDouble(PythonFloats.repr(value)), "seed " + seed);
    }
  }

  @Test
  void knownSpellings() {
    assertEquals("42.0", PythonFloats.repr(42));
    assertEquals("0.0001", PythonFloats.repr(0.0001));
    assertEquals("1e-05", PythonFloats.repr(0.00001));
    assertEquals("1e+16", PythonFloats.repr(1e16));
    assertEquals("1234567890123456.0", PythonFloats.repr(1234567890123456.0));
    assertEquals("-2.5", PythonFloats.repr(-2.5));
    assertEquals("-0.0", PythonFloats.repr(-0.0));
    assertEquals("5e-324", PythonFloats.repr(Double.MIN_VALUE));
    assertEquals("2.2250738585072014e-308", PythonFloats.repr(Double.MIN_NORMAL));
    assertEquals("1e-310", PythonFloats.repr(1e-310));
  }

  @Tag("interop")
  @Test
  void agreesWithPythonRepr() {
    Peers.require("/usr/bin/python3", java.nio.file.Files.isExecutable(Peers.PYTHON));
    long seed = 77;
    SplittableRandom random = new SplittableRandom(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double v = switch (i % 7) {
        case 0 -> Double.longBitsToDouble(random.nextLong());
        case 1 -> random.nextInt(100_000) / 100.0;
        case 2 -> Math.pow(10, random.nextInt(-30, 30)) * random.nextInt(1, 10);
        case 3 -> random.nextInt(1, 1_000_000) / 7.0;
        case 4 -> i % 2 == 0 ? random.nextInt(1, 10_000) * Math.pow(10, random.nextInt(-20, 20))
            : Math.scalb(1.0, random.nextInt(-1074, 1024)); // powers of two, subnormal ones too
        case 5 -> i % 2 == 0 ? 1e15 + random.nextDouble() * 1e12
            : Double.longBitsToDouble(random.nextLong(1, 1L << 52)); // subnormal
        default -> random.nextDouble();
      };
      if (!Double.isNaN(v) && !Double.isInfinite(v)) {
        values.add(v);
      }
    }
    StringBuilder hex = new StringBuilder();
    for (double v : values) {
      hex.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
    }
    String script = "import struct\nfor h in '" + hex.toString().strip() + "'.split():\n"
        + "    print(repr(struct.unpack('>d', bytes.fromhex(h.zfill(16)))[0]))\n";
    String[] expected = Peers.python(script, 60).split("\n");
    for (int i = 0; i < values.size(); i++) {
      assertEquals(expected[i], PythonFloats.repr(values.get(i)), "seed " + seed + " value " + values.get(i));
    }
  }
}
