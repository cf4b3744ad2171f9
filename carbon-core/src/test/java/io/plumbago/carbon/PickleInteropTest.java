package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.carbon.codec.PickleMetrics;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Python's pickle writes, carbon's SafeUnpickler reads: both directions agree with ours. */
@Tag("interop")
class PickleInteropTest {
  private static String python(String script, String stdin) throws Exception {
    PythonPeer.requireCarbon();
    return PythonPeer.python(script, stdin);
  }

  @Test
  void readsWhatPythonPicklesInEveryProtocol() throws Exception {
    long seed = 77;
    String script = String.join("\n",
        "import pickle, random, sys",
        "random.seed(" + seed + ")",
        "for proto in range(6):",
        "  pts = []",
        "  for i in range(300):",
        "    name = ''.join(random.choice('abc.xyz_é;=') for _ in range(random.randint(1, 30)))",
        "    ts = random.choice([random.randint(0, 2**32 - 1), -1, float(random.randint(0, 2**31))])",
        "    v = random.choice([random.random() * 1e6, random.randint(-2**40, 2**40), True, 0, -0.0])",
        "    pts.append((name, (ts, v)))",
        "  body = pickle.dumps(pts, protocol=proto)",
        "  print(body.hex())",
        "  print('|'.join('%s %r %d' % (n, float(v), 1000 if int(t) == -1 else int(t)) for n, (t, v) in pts))");
    String[] lines = python(script, "").split("\n");
    PickleMetrics pickle = new PickleMetrics(1_000_000);
    for (int proto = 0; proto < 6; proto++) {
      byte[] body = HexFormat.of().parseHex(lines[proto * 2]);
      List<String> got = new ArrayList<>();
      pickle.decode(body, 0, body.length, 1000, (m, t, v) -> got.add(m + " " + repr(v) + " " + t));
      assertEquals(lines[proto * 2 + 1], String.join("|", got), "seed " + seed + " protocol " + proto);
    }
  }

  private static String repr(double v) {
    // enough of Python's float repr for the values above: integers print as 1.0, others by shortest digits
    if (v == Math.rint(v) && Math.abs(v) < 1e16) {
      return (v == 0 && 1 / v < 0 ? "-" : "") + (long) Math.abs(v) * (v < 0 ? -1 : 1) + ".0";
    }
    return Double.toString(v);
  }

  @Test
  void aPythonSenderSpeakingCarbonsFramingReachesTheReceiver() throws Exception {
    List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (CarbonReceiver receiver = CarbonReceiver.builder((m, t, v) -> got.add(m + " " + v + " " + t))
        .pickleTcp(new java.net.InetSocketAddress("127.0.0.1", 0)).maxPickleBytes(4096).build()) {
      receiver.start();
      int port = receiver.pickleAddress().getPort();
      String script = String.join("\n",
          "import pickle, socket, struct",
          "s = socket.create_connection(('127.0.0.1', " + port + "))",
          "def send(body): s.sendall(struct.pack('!L', len(body)) + body)",
          "send(pickle.dumps([('a.b', (1700000000, 1.5)), ('c', (1700000001, 2))], protocol=2))",
          "send(b'not a pickle at all')",
          "send(pickle.dumps([('d', (1700000002, 3.0))], protocol=0))",
          "s.close()",
          "t = socket.create_connection(('127.0.0.1', " + port + "))",
          "t.sendall(struct.pack('!L', 100000) + b'x' * 100)",
          "print(t.recv(10))");
      assertEquals("b''\n", python(script, ""), "an oversized frame closes the connection");
      CarbonReceiverTest.await(() -> got.size() == 3);
      assertEquals(List.of("a.b 1.5 1700000000", "c 2.0 1700000001", "d 3.0 1700000002"), got);
      CarbonReceiverTest.await(() -> receiver.stats().badFrames() == 2);
      assertEquals(3, receiver.stats().points());
    }
  }

  @Test
  void carbonsSafeUnpicklerReadsWhatWeEncode() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    List<String> names = new ArrayList<>();
    int n = 500;
    long[] ts = new long[n];
    double[] values = new double[n];
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < n; i++) {
      names.add("servers.web" + random.nextInt(100) + ".é;dc=" + random.nextInt(3));
      ts[i] = random.nextLong(0, 1L << 32);
      values[i] = random.nextDouble() * 1e9 - 5e8;
      expected.append(names.get(i)).append(' ').append(ts[i]).append(' ')
          .append(Long.toHexString(Double.doubleToRawLongBits(values[i]))).append('\n');
    }
    byte[] body = PickleMetrics.encode(names, ts, values);
    String script = String.join("\n",
        "import sys, struct",
        "from carbon.util import get_unpickler",
        "pts = get_unpickler(insecure=False).loads(bytes.fromhex(sys.stdin.read().strip()))",
        "for name, (t, v) in pts:",
        "  print('%s %d %x' % (name, t, struct.unpack('>Q', struct.pack('>d', v))[0]))");
    assertEquals(expected.toString(), python(script, HexFormat.of().formatHex(body)));
  }
}
