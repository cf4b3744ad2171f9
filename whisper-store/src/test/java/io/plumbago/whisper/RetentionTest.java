package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionTest {
  @ParameterizedTest
  @CsvSource({"60:1440,60,1440", "10:60,10,60", "1h:7d,3600,168", "5min:1y,300,105120", "10s:6h,10,2160",
      "1m:7d,60,10080", "10m:5y,600,262800"})
  void parsesBothSyntaxesLikeWhisper(String text, int step, int points) {
    assertEquals(new Retention(step, points), Retention.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "10x:6h", "10s:6mo", "10S:6h", "s:6h", ":", "10s:", "99999999999999999999s:1"})
  void rejectsMalformedDefinitions(String text) {
    assertThrows(WhisperFormatException.class, () -> Retention.parse(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "10s:1h,10s:1d;same precision",
      "10s:1h,15s:1d;evenly divide",
      "10s:1d,1m:1h;larger time intervals",
      "10s:30s,1m:1d;enough points"})
  void eachValidationRuleIsNamed(String list, String rule) {
    WhisperFormatException e = assertThrows(WhisperFormatException.class, () -> Retention.parseList(list));
    assertTrue(e.getMessage().contains(rule), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1m:7d,10s:6h"})
  void sortsFinestFirst(String list) {
    assertEquals(List.of(new Retention(10, 2160), new Retention(60, 10080)), Retention.parseList(list));
  }
}
