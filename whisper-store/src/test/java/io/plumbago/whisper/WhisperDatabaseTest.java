package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.plumbago.whisper.testing.Peers;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhisperDatabaseTest {
  @TempDir
  Path root;
  private WhisperDatabase db;

  @BeforeEach
  void someMetrics() throws IOException {
    db = WhisperDatabase.builder(root).sparse(true).build();
    for (String metric : List.of("servers.web01.cpu", "servers.web02.cpu", "servers.db01.cpu", "servers.web01",
        "servers.web01.disk.used")) {
      db.write(metric, new long[] {1_700_000_000L}, new double[] {1}, 1, 1_700_000_000L);
    }
  }

  private List<String> find(String pattern) throws IOException {
    return db.find(pattern).stream().map(n -> n.path() + (n.leaf() ? "" : "/")).toList();
  }

  @Test
  void dotsBecomeFoldersAndFilesEndInWsp() {
    assertEquals(root.resolve("servers/web01/cpu.wsp"), db.pathFor("servers.web01.cpu"));
    assertTrue(Files.isRegularFile(root.resolve("servers/web01/cpu.wsp")));
  }

  @Test
  void findsBranchesAndLeavesWithGraphitesGlobs() throws IOException {
    assertEquals(List.of("servers.db01/", "servers.web01/", "servers.web01", "servers.web02/"), find("servers.*"));
    assertEquals(List.of("servers.web01.cpu", "servers.web02.cpu"), find("servers.web0?.cpu"));
    assertEquals(List.of("servers.db01.cpu", "servers.web02.cpu"), find("servers.{db01,web02}.cpu"));
    assertEquals(List.of("servers.web01.cpu", "servers.web01.disk/"), find("servers.web01.[a-d]*"));
    assertEquals(List.of("servers.web01.disk.used"), find("servers.web01.disk.used"));
    assertEquals(List.of(), find("nothing.*"));
  }

  @Test
  void findsNestedBracesUnclosedBracketsAndGlobstarsAsGraphiteWebDoes() throws IOException {
    assertEquals(List.of("servers.db01.cpu", "servers.web01.cpu"), find("servers.{db01,{web01,nope}}.cpu"));
    assertEquals(List.of(), find("servers.[web01.cpu"));
    assertEquals(List.of("servers.db01.cpu", "servers.web01.cpu", "servers.web02.cpu"), find("servers.**.cpu"));
    assertEquals(List.of("servers.web01.cpu", "servers.web01.disk/", "servers.web01.disk.used"),
        find("servers.web01.**"));
  }

  @Test
  void namesThatCouldLeaveTheRootAreRefused() {
    for (String bad : List.of("a..b", "../etc", "a./.b", "a.\0.b", "a.b\\c")) {
      assertThrows(WhisperFormatException.class, () -> db.find(bad), bad);
    }
    for (String bad : List.of("../etc.passwd", "a/b.c", "a.\0", "..")) {
      assertThrows(WhisperFormatException.class, () -> db.pathFor(bad), bad);
    }
  }

  @Test
  void theAggregationMethodOfAMetricCanBeChanged() throws IOException {
    assertEquals(AggregationMethod.AVERAGE, db.setAggregation("servers.web01.cpu", AggregationMethod.MAX));
    assertEquals(AggregationMethod.MAX, db.info("servers.web01.cpu").aggregationMethod());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> db.setAggregation("no.such", AggregationMethod.SUM));
  }

  @Test
  void taggedSeriesGoWhereCarbonPutsThem() throws IOException {
    String tagged = "disk.used;datacenter=dc1;rack=a1;server=web01";
    String expected = Peers.python("import hashlib\nprint(hashlib.sha256(b'" + tagged + "').hexdigest())", 30).strip();
    assertEquals(root.resolve("_tagged").resolve(expected.substring(0, 3)).resolve(expected.substring(3, 6))
        .resolve(expected + ".wsp"), db.pathFor(tagged));
  }
}
