package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any name, tags and value, through the client and a real socket, parse back (with a reference DogStatsD parser
 * written from the spec) to the same metric: the sanitised name, the same tags, exactly the same value, type and
 * rate. Unusable input (null name, NaN, infinity) is dropped and counted; no call throws.
 */
class StatsdClientProperties {
  private static final String ALPHABET = "abcXYZ019._-/:;|@#,=+ \t\n\r\u000b\f\u001c\u007fé€ü\u2028\u0085\u00a0";

  /** One parsed line: name, value text, type, rate (1 when absent) and tags. */
  record Parsed(String name, String value, String type, double rate, List<String> tags) {}

  /** The reference parser: DogStatsD's grammar, {@code name:value|type[|@rate][|#t1,t2]}. */
  static Parsed parse(String line) {
    int colon = line.indexOf(':');
    String[] fields = line.substring(colon + 1).split("\\|", -1);
    double rate = 1;
    List<String> tags = List.of();
    for (int i = 2; i < fields.length; i++) {
      if (fields[i].startsWith("@")) {
        rate = Double.parseDouble(fields[i].substring(1));
      } else if (fields[i].startsWith("#")) {
        tags = Arrays.asList(fields[i].substring(1).split(",", -1));
      } else {
        throw new AssertionError("unknown field in " + line);
      }
    }
    return new Parsed(line.substring(0, colon), fields[0], fields[1], rate, tags);
  }

  /** What the client promises to make of a name: every character that could break the line becomes {@code _}. */
  static String expectedName(String s) {
    return clean(s, ":|@#", false);
  }

  /** A tag: as a name, but its first {@code :} stays and {@code ,} also goes. */
  static String expectedTag(String s) {
    return clean(s, ":|@#,", true);
  }

  private static String clean(String s, String breakers, boolean keepFirstColon) {
    StringBuilder out = new StringBuilder();
    boolean colon = keepFirstColon;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':' && colon) {
        colon = false;
        out.append(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (breakers.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)
          || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        out.append('_');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String randomString(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(1, 16); n > 0; n--) {
      switch (random.nextInt(8)) {
        case 0 -> s.append((char) random.nextInt(0x20, 0x7f));
        case 1 -> s.append((char) random.nextInt(0xd800, 0xe000)); // a surrogate, often lone
        case 2 -> s.appendCodePoint(random.nextInt(0x1f300, 0x1f600));
        case 3 -> s.append((char) random.nextInt(0x80, 0xd800));
        default -> s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return s.toString();
  }

  private static double randomValue(SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> random.nextInt(-1000, 1000);
      case 1 -> random.nextInt(-100_000, 100_000) / 1000.0;
      case 2 -> Double.longBitsToDouble(random.nextLong()); // anything, NaN and infinities included
      case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 20));
      default -> random.nextLong(-1L << 53, 1L << 53);
    };
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void everyCallParsesBackToTheMetricItMeant(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<Parsed> expected = new ArrayList<>();
    int unusable = 0;
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      server.setReceiveBufferSize(8 << 20);
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).prefix("p")
          .constantTags("k:v").queueCapacityBytes(1 << 22).maxPacketSizeBytes(8932).build();
      for (int i = 0; i < 2000; i++) {
        String name = random.nextInt(50) == 0 ? null : randomString(random);
        String[] tags = new String[random.nextInt(4)];
        for (int t = 0; t < tags.length; t++) {
          tags[t] = random.nextInt(10) == 0 ? "" : randomString(random);
        }
        List<String> expectedTags = new ArrayList<>(List.of("k:v"));
        Arrays.stream(tags).filter(t -> !t.isEmpty()).map(StatsdClientProperties::expectedTag)
            .forEach(expectedTags::add);
        double value = randomValue(random);
        long whole = random.nextLong();
        String call;
        boolean usable = name != null;
        String type;
        String text;
        switch (random.nextInt(5)) {
          case 0 -> {
            call = "count";
            client.count(name, whole, tags);
            type = "c";
            text = Long.toString(whole);
          }
          case 1 -> {
            call = "gauge";
            client.gauge(name, Math.abs(value), tags);
            usable &= Double.isFinite(value);
            type = "g";
            text = null;
          }
          case 2 -> {
            call = "histogram";
            client.histogram(name, value, tags);
            usable &= Double.isFinite(value);
            type = "h";
            text = null;
          }
          case 3 -> {
            call = "distribution";
            client.distribution(name, value, tags);
            usable &= Double.isFinite(value);
            type = "d";
            text = null;
          }
          default -> {
            call = "time";
            client.time(name, Math.abs(whole), tags);
            type = "ms";
            text = Long.toString(Math.abs(whole) < 0 ? 0 : Math.abs(whole));
          }
        }
        if (!usable) {
          unusable++;
          continue;
        }
        double sent = call.equals("gauge") ? Math.abs(value) : value;
        expected.add(new Parsed("p." + expectedName(name), text == null ? Double.toString(sent) : text, type, 1,
            expectedTags));
      }
      client.close();
      List<String> lines = StatsdClientTest.lines(StatsdClientTest.datagrams(server, 500));
      assertEquals(expected.size(), lines.size(), "seed " + seed);
      assertEquals(unusable, client.dropped(), "seed " + seed);
      for (int i = 0; i < lines.size(); i++) {
        Parsed got = parse(lines.get(i));
        Parsed want = expected.get(i);
        String where = "seed " + seed + ", line " + i + ": " + lines.get(i);
        assertEquals(want.name(), got.name(), where);
        assertEquals(want.type(), got.type(), where);
        assertEquals(want.tags(), got.tags(), where);
        if (want.type().equals("c") || want.type().equals("ms")) {
          assertEquals(want.value(), got.value(), where);
        } else {
          assertEquals(Double.parseDouble(want.value()), Double.parseDouble(got.value()), where);
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13})
  void sampleRatesSurviveTheTrip(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      server.setReceiveBufferSize(8 << 20);
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).queueCapacityBytes(1 << 22).build();
      List<Double> rates = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        double rate = random.nextInt(3) == 0 ? random.nextInt(1, 100) / 100.0 : random.nextDouble();
        rates.add(rate);
        client.count("r" + i, 1, rate);
      }
      client.close();
      for (String line : StatsdClientTest.lines(StatsdClientTest.datagrams(server, 500))) {
        Parsed got = parse(line);
        int i = Integer.parseInt(got.name().substring(1));
        assertEquals(rates.get(i), got.rate(), "seed " + seed + ": " + line);
      }
    }
  }
}
