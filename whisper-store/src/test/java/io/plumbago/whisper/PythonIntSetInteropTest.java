package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.whisper.testing.Peers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CPython's own set() is the oracle for the order whisper propagates intervals in. */
@Tag("interop")
class PythonIntSetInteropTest {
  @Test
  void iteratesInTheSameOrderAsCPythonSets() {
    Peers.require("/usr/bin/python3", java.nio.file.Files.isExecutable(Peers.PYTHON));
    long seed = 4242;
    SplittableRandom random = new SplittableRandom(seed);
    List<long[]> lists = new ArrayList<>();
    StringBuilder script = new StringBuilder("for l in [");
    for (int c = 0; c < 300; c++) {
      int n = 1 + random.nextInt(c < 250 ? 60 : 3000);
      long base = 1_700_000_000L - random.nextInt(10_000_000);
      long step = 1 + random.nextInt(600);
      long[] list = new long[n];
      script.append('[');
      for (int i = 0; i < n; i++) {
        list[i] = random.nextInt(3) == 0 ? random.nextLong(1L << 40) : base + step * random.nextInt(n);
        script.append(list[i]).append(',');
      }
      script.append("],");
      lists.add(list);
    }
    script.append("]:\n    print(' '.join(str(x) for x in set(l)))\n");
    String[] expected = Peers.python(script.toString(), 60).split("\n");
    PythonIntSet set = new PythonIntSet();
    for (int c = 0; c < lists.size(); c++) {
      long[] list = lists.get(c);
      set.clear();
      for (long v : list) {
        set.add(v);
      }
      long[] out = new long[list.length];
      int n = set.copyInOrder(out);
      StringBuilder got = new StringBuilder();
      for (int i = 0; i < n; i++) {
        got.append(i == 0 ? "" : " ").append(out[i]);
      }
      assertEquals(expected[c], got.toString(), "seed " + seed + " list " + c);
    }
  }
}
