package io.plumbago.statsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file of the differential corpus ({@code src/test/resources/statsd-corpus/*.txt}): Etsy options shared by its
 * cases, and the cases, each a sequence of datagrams sent within one flush interval.
 *
 * <p>Format: {@code options: <Etsy config object body>} and optionally {@code ignore: <regex>} (names whose values are
 * an intentional difference, listed in the README) and {@code flushes: N} (flushes compared, 3 by default), then
 * {@code case <description>} followed by one datagram per line. In a datagram {@code $} becomes the case's own name
 * prefix ({@code k007}) so cases sharing a flush never share a key; {@code \n}, {@code \r}, {@code \t},
 * {@code \\}, {@code \$} and {@code \}{@code uXXXX} are escapes, and {@code <empty>} is an empty datagram. Lines
 * starting with {@code #} are comments.
 *
 * @param file the file name
 * @param options the Etsy options, in Etsy's config syntax
 * @param ignore the names not compared by value (intentional differences), or null
 * @param flushes how many flushes from the one holding the packets on are compared
 * @param cases the cases in file order
 */
record StatsdCorpus(String file, String options, Pattern ignore, int flushes, List<Case> cases) {
  /** One case: its description, and its datagrams with {@code $} already replaced. */
  record Case(String prefix, String description, List<String> packets) {}

  /** The corpus directory on the test class path. */
  static Path directory() {
    try {
      return Path.of(StatsdCorpus.class.getResource("/statsd-corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every corpus file's name, sorted. */
  static Stream<String> files() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one corpus file. */
  static StatsdCorpus read(String name) throws IOException {
    String options = null;
    Pattern ignore = null;
    int flushes = 3;
    List<Case> cases = new ArrayList<>();
    String description = null;
    List<String> packets = new ArrayList<>();
    for (String line : Files.readAllLines(directory().resolve(name), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("case ")) {
        if (description != null) {
          cases.add(new Case(prefix(cases.size()), description, List.copyOf(packets)));
        }
        description = line.substring(5).strip();
        packets.clear();
      } else if (description == null && line.startsWith("options:")) {
        options = line.substring(8).strip();
      } else if (description == null && line.startsWith("ignore:")) {
        ignore = Pattern.compile(line.substring(7).strip());
      } else if (description == null && line.startsWith("flushes:")) {
        flushes = Integer.parseInt(line.substring(8).strip());
      } else if (description == null) {
        throw new IOException(name + ": datagram before the first case: " + line);
      } else {
        packets.add(unescape(line, prefix(cases.size())));
      }
    }
    if (description != null) {
      cases.add(new Case(prefix(cases.size()), description, List.copyOf(packets)));
    }
    if (options == null) {
      throw new IOException(name + ": no options line");
    }
    return new StatsdCorpus(name, options, ignore, flushes, List.copyOf(cases));
  }

  /** Every datagram of every case, in order. */
  List<String> packets() {
    return cases.stream().flatMap(c -> c.packets().stream()).toList();
  }

  /** The case whose prefix occurs in {@code name}, for failure messages. */
  String caseOf(String name) {
    for (Case c : cases) {
      if (name.contains(c.prefix())) {
        return c.prefix() + " (" + c.description() + ")";
      }
    }
    return "statsd's own";
  }

  private static String prefix(int index) {
    return String.format("k%03d", index);
  }

  private static String unescape(String line, String prefix) {
    if (line.equals("<empty>")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '$') {
        out.append(prefix);
      } else if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> out.append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
