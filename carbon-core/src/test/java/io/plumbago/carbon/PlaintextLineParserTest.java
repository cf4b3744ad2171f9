package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.plumbago.carbon.codec.PlaintextLineParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaintextLineParserTest {
  private static final long NOW = 1_700_000_000L;
  private final PlaintextLineParser parser = new PlaintextLineParser();
  private final List<String> seen = new ArrayList<>();
  private final PointSink sink = (m, t, v) -> seen.add(m + "|" + t + "|" + v);

  private boolean parse(String line) {
    ByteBuf buf = Unpooled.copiedBuffer(line, StandardCharsets.UTF_8);
    try {
      return parser.parse(buf, NOW, sink);
    } finally {
      buf.release();
    }
  }

  @Test
  void splitsOnAnyRunOfWhitespaceLikePythonSplit() {
    assertTrue(parse("a.b\t 1.5   1600000000 \r"));
    assertEquals(List.of("a.b|1600000000|1.5"), seen);
  }

  @Test
  void readsNumbersAsPythonFloatDoes() {
    assertTrue(parse("x 1_000 1e9"));
    assertTrue(parse("x +5 1600000000.9"));
    assertTrue(parse("x -inf 1600000000"));
    assertTrue(parse("x Infinity 1600000000"));
    assertEquals(List.of("x|1000000000|1000.0", "x|1600000000|5.0", "x|1600000000|-Infinity",
        "x|1600000000|Infinity"), seen);
  }

  @Test
  void minusOneAndItsTruncationsMeanNow() {
    parse("x 1 -1");
    parse("x 2 -1.7");
    parse("x 3 -1.0");
    assertEquals(List.of("x|" + NOW + "|1.0", "x|" + NOW + "|2.0", "x|" + NOW + "|3.0"), seen);
  }

  @Test
  void nanValuesAreDroppedWithoutError() {
    assertFalse(parse("x nan 1600000000"));
    assertFalse(parse("x NaN 1600000000"));
    assertTrue(seen.isEmpty());
  }

  @Test
  void badLinesSayWhatIsWrong() {
    assertEquals("invalid line (expected 3 fields, found 2): x 1",
        assertThrows(CarbonProtocolException.class, () -> parse("x 1")).getMessage());
    assertThrows(CarbonProtocolException.class, () -> parse("x 1 2 3"));
    assertThrows(CarbonProtocolException.class, () -> parse("x abc 1600000000"));
    assertThrows(CarbonProtocolException.class, () -> parse("x 1 0x10"));
    assertThrows(CarbonProtocolException.class, () -> parse("x 1d 1600000000"));
    assertThrows(CarbonProtocolException.class, () -> parse("x 1__0 1600000000"));
    assertThrows(CarbonProtocolException.class, () -> parse("x _1 1600000000"));
    assertTrue(seen.isEmpty());
  }

  @Test
  void timestampsWhisperWouldLoseAreRefused() {
    assertThrows(CarbonProtocolException.class, () -> parse("x 1 -5"));
    assertThrows(CarbonProtocolException.class, () -> parse("x 1 4294967296"));
    assertThrows(CarbonProtocolException.class, () -> parse("x 1 inf"));
    assertTrue(parse("x 1 4294967295"));
  }

  @Test
  void blankLinesAreIgnored() {
    assertFalse(parse("   \r"));
    assertTrue(seen.isEmpty());
  }

  @Test
  void controlCharactersAreEscapedInErrors() {
    String message = assertThrows(CarbonProtocolException.class, () -> parse("x\u0001y 1")).getMessage();
    assertTrue(message.contains("x\\x01y"), message);
  }
}
