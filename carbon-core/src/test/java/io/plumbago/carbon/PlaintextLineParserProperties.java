package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.plumbago.carbon.codec.PlaintextLineParser;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded properties of the plaintext parser: round trips and arbitrary bytes. */
class PlaintextLineParserProperties {
  static long[] seeds() {
    long[] seeds = new long[50];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 0x5eed_0000L + i;
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void formattedPointsParseBackExactly(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PlaintextLineParser parser = new PlaintextLineParser();
    for (int i = 0; i < 200; i++) {
      String metric = "m" + random.nextInt(1000) + ".x_" + random.nextInt(50);
      double value = switch (random.nextInt(3)) {
        case 0 -> random.nextInt() ;
        case 1 -> random.nextDouble() * 1e6 - 5e5;
        default -> Double.longBitsToDouble(random.nextLong());
      };
      if (Double.isNaN(value)) {
        continue;
      }
      long ts = random.nextLong(0, 1L << 32);
      String sep = random.nextBoolean() ? " " : "\t";
      String line = metric + sep + Double.toString(value).replace("Infinity", "inf") + sep + ts;
      double[] got = new double[1];
      long[] gotTs = new long[1];
      String[] gotMetric = new String[1];
      ByteBuf buf = Unpooled.copiedBuffer(line, StandardCharsets.UTF_8);
      try {
        parser.parse(buf, 0, (m, t, v) -> {
          gotMetric[0] = m;
          gotTs[0] = t;
          got[0] = v;
        });
      } catch (RuntimeException e) {
        fail("seed " + seed + ": " + line, e);
      } finally {
        buf.release();
      }
      assertEquals(metric, gotMetric[0], "seed " + seed);
      assertEquals(ts, gotTs[0], "seed " + seed);
      assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(got[0]), "seed " + seed + ": " + line);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void arbitraryBytesOnlyEverFailWithTheProtocolException(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PlaintextLineParser parser = new PlaintextLineParser();
    byte[] alphabet = " \t\r.-+_0123456789eEinfaINFxyz\u00ff;=".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
      }
      ByteBuf buf = Unpooled.wrappedBuffer(bytes);
      try {
        parser.parse(buf, 0, (m, t, v) -> {
          if (t < 0 || t >= 1L << 32 || Double.isNaN(v)) {
            throw new AssertionError("bad point passed on: " + t + " " + v);
          }
        });
      } catch (CarbonProtocolException expected) {
        // refused: fine
      } catch (RuntimeException | AssertionError e) {
        fail("seed " + seed + " case " + i + ": " + java.util.HexFormat.of().formatHex(bytes), e);
      }
    }
  }
}
