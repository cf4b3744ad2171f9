package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A Python client speaking graphite-web's CarbonLink (pickle protocol 5 requests) gets carbon's answers. */
@Tag("interop")
class CarbonLinkTest {
  @Test
  void answersCacheQueriesBulkQueriesMetadataAndBadRequestsAsCarbon() throws Exception {
    PythonPeer.requireCarbon();
    CountDownLatch never = new CountDownLatch(1);
    MetricCache cache = MetricCache.builder((m, ts, v, n) -> {
      try {
        never.await(); // hold everything in the cache: only CarbonLink can see it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).build();
    cache.accept("a.b", 1_700_000_000L, 1.5);
    cache.accept("a.b", 1_700_000_010L, 2.0);
    cache.accept("a.b", 1_700_000_000L, 3.0);
    cache.accept("c;x=1", 1_700_000_000L, 7);
    var method = new java.util.concurrent.atomic.AtomicReference<>("sum");
    try (CarbonLinkServer server = new CarbonLinkServer(cache, new InetSocketAddress("127.0.0.1", 0), metric -> {
      if (!metric.equals("a.b")) {
        throw new IllegalArgumentException("no file for " + metric);
      }
      return method.get();
    }, (metric, value) -> method.getAndSet(value))) {
      server.start();
      String script = String.join("\n",
          "import pickle, socket, struct",
          "s = socket.create_connection(('127.0.0.1', " + server.address().getPort() + "))",
          "def ask(req, proto=-1):",
          "  body = pickle.dumps(req, protocol=proto)",
          "  s.sendall(struct.pack('!L', len(body)) + body)",
          "  n = struct.unpack('!L', s.recv(4, socket.MSG_WAITALL))[0]",
          "  reply = s.recv(n, socket.MSG_WAITALL)",
          "  assert reply[:2] == b'\\x80\\x02', reply[:2]",
          "  return pickle.loads(reply)",
          "print(ask({'type': 'cache-query', 'metric': 'a.b'}))",
          "print(ask({'type': 'cache-query', 'metric': 'nothing'}))",
          "print(ask({'type': 'cache-query-bulk', 'metrics': ['a.b', 'c;x=1', 'none']}, 0))",
          "print(ask({'type': 'get-metadata', 'metric': 'a.b', 'key': 'aggregationMethod'}))",
          "print(sorted(ask({'type': 'get-metadata', 'metric': 'zz', 'key': 'aggregationMethod'})))",
          "print(ask({'type': 'bogus'}))",
          "print(ask({'type': 'set-metadata', 'metric': 'a.b', 'key': 'aggregationMethod', 'value': 'max'}))",
          "print(ask({'type': 'get-metadata', 'metric': 'a.b', 'key': 'aggregationMethod'}))");
      assertEquals(String.join("\n",
          "{'datapoints': [(1700000000, 3.0), (1700000010, 2.0)]}",
          "{'datapoints': []}",
          "{'datapointsByMetric': {'a.b': [(1700000000, 3.0), (1700000010, 2.0)], 'c;x=1': [(1700000000, 7.0)], "
              + "'none': []}}",
          "{'value': 'sum'}",
          "['error']",
          "{'error': 'Invalid request type \"bogus\"'}",
          "{'old_value': 'sum', 'new_value': 'max'}",
          "{'value': 'max'}", ""), PythonPeer.python(script, ""));
    } finally {
      never.countDown();
      cache.close();
    }
  }
}
