package io.plumbago.carbon.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded: carbon-c-relay's cleansing never throws, is idempotent, and leaves only allowed characters before the tags
 * and no run of dots. (Equality with carbon-c-relay itself is CarbonCRelayRingInteropTest's.)
 */
class CRelayNamesProperties {
  static long[] seeds() {
    long[] seeds = new long[40];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 0xC1EAL + i;
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void cleansingIsTotalIdempotentAndLeavesOnlyAllowedCharacters(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int n = 0; n < 500; n++) {
      StringBuilder name = new StringBuilder();
      for (int k = random.nextInt(24); k > 0; k--) {
        name.append(switch (random.nextInt(5)) {
          case 0 -> '.';
          case 1 -> ';';
          case 2 -> (char) random.nextInt(0x80);
          case 3 -> (char) random.nextInt(0x10000); // unpaired surrogates too
          default -> (char) ('a' + random.nextInt(26));
        });
      }
      String once = CRelayNames.cleanse(name.toString());
      assertEquals(once, CRelayNames.cleanse(once), "seed " + seed + ": " + name);
      assertFalse(once.contains(".."), "seed " + seed + ": " + once);
      assertFalse(once.startsWith("."), "seed " + seed + ": " + once);
      int tags = once.indexOf(';');
      for (int i = 0; i < (tags < 0 ? once.length() : tags); i++) {
        char c = once.charAt(i);
        assertTrue(Character.isLetterOrDigit(c) && c < 0x80 || "-_:#.".indexOf(c) >= 0,
            "seed " + seed + ": " + once);
      }
    }
  }
}
