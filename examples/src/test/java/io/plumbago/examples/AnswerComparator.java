package io.plumbago.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Compares two answers to the same render or find request, graphite-web's ({@code expected}) and Plumbago's, in the
 * way the differential test promises: same structure, names, timestamps, steps and nulls; values equal within
 * {@link #RELATIVE} (exactly for 0, infinities by sign). Each method returns null when the answers agree, else where
 * they first differ.
 */
final class AnswerComparator {
  static final double RELATIVE = 1e-9;
  /** JSON paths whose numbers are data values (tolerant); every other number (timestamps, steps) must be equal. */
  private static final Pattern VALUE_PATH = Pattern.compile(
      ".*(datapoints\\[\\d+]\\[0]|\\.values\\[\\d+]|\\.data\\[\\d+]\\[[1-9]\\d*]|\\.y)$");
  private static final String PICKLE_TO_JSON = "import json, pickle, sys\n"
      + "print(json.dumps(pickle.loads(open(sys.argv[1], 'rb').read()), default=repr))\n";

  private AnswerComparator() {}

  /** Compares parsed JSON, object keys in {@code masked} compared by presence only. */
  static String json(String expected, String actual, Set<String> masked) {
    Object e;
    Object a;
    try {
      e = LenientJson.parse(expected);
    } catch (IllegalArgumentException ex) {
      return "graphite-web's answer is not JSON (" + ex.getMessage() + ")";
    }
    try {
      a = LenientJson.parse(actual);
    } catch (IllegalArgumentException ex) {
      return "Plumbago's answer is not JSON (" + ex.getMessage() + ")";
    }
    return tree("$", e, a, masked);
  }

  private static String tree(String path, Object e, Object a, Set<String> masked) {
    if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
      if (!em.keySet().equals(am.keySet())) {
        Set<String> missing = new TreeSet<>();
        em.keySet().stream().filter(k -> !am.containsKey(k)).forEach(k -> missing.add("-" + k));
        am.keySet().stream().filter(k -> !em.containsKey(k)).forEach(k -> missing.add("+" + k));
        return path + ": keys differ " + missing + " (- only graphite-web, + only Plumbago)";
      }
      for (Map.Entry<?, ?> entry : em.entrySet()) {
        String key = (String) entry.getKey();
        if (masked.contains(key)) {
          continue;
        }
        String d = tree(path + "." + key, entry.getValue(), am.get(key), masked);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (e instanceof List<?> el && a instanceof List<?> al) {
      for (int i = 0; i < Math.min(el.size(), al.size()); i++) {
        String d = tree(path + "[" + i + "]", el.get(i), al.get(i), masked);
        if (d != null) {
          return d;
        }
      }
      return el.size() == al.size() ? null
          : path + ": " + el.size() + " elements in graphite-web's answer, " + al.size() + " in Plumbago's";
    }
    if (e instanceof Double ed && a instanceof Double ad) {
      boolean same = VALUE_PATH.matcher(path).matches() ? close(ed, ad) : ed.equals(ad);
      return same ? null : path + ": " + repr(ed) + " vs " + repr(ad);
    }
    if (e.equals(a)) {
      return null;
    }
    return path + ": " + show(e) + " vs " + show(a);
  }

  /** Graphite-web's CSV (name, {@code %Y-%m-%d %H:%M:%S}, value or empty for None), line by line. */
  static String csv(String expected, String actual) {
    List<List<String>> e = csvRows(expected);
    List<List<String>> a = csvRows(actual);
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      List<String> er = e.get(i);
      List<String> ar = a.get(i);
      String where = "line " + (i + 1) + ": " + er + " vs " + ar;
      if (er.size() != 3 || ar.size() != 3 || !er.get(0).equals(ar.get(0)) || !er.get(1).equals(ar.get(1))
          || !sameText(er.get(2), ar.get(2), "")) {
        return where;
      }
    }
    return e.size() == a.size() ? null : e.size() + " rows from graphite-web, " + a.size() + " from Plumbago";
  }

  /** Graphite-web's raw format: {@code name,start,end,step|v,v,...} per series, None for gaps, Python float repr. */
  static String raw(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.min(e.length, a.length); i++) {
      int eb = e[i].lastIndexOf('|');
      int ab = a[i].lastIndexOf('|');
      String eh = e[i].substring(0, eb + 1);
      String ah = a[i].substring(0, ab + 1);
      if (!eh.equals(ah)) {
        return "line " + (i + 1) + ": header " + show(eh) + " vs " + show(ah);
      }
      String[] ev = e[i].substring(eb + 1).split(",", -1);
      String[] av = a[i].substring(ab + 1).split(",", -1);
      for (int j = 0; j < Math.min(ev.length, av.length); j++) {
        if (!sameText(ev[j], av[j], "None")) {
          return "line " + (i + 1) + " (" + eh + ") value " + j + ": " + ev[j] + " vs " + av[j];
        }
      }
      if (ev.length != av.length) {
        return "line " + (i + 1) + " (" + eh + "): " + ev.length + " values vs " + av.length;
      }
    }
    return e.length == a.length ? null : e.length + " lines from graphite-web, " + a.length + " from Plumbago";
  }

  /** Unpickles both answers with Debian's python and compares them as JSON. */
  static String pickle(byte[] expected, byte[] actual, Path scratch) throws IOException, InterruptedException {
    String e = unpickle(expected, scratch);
    if (e == null) {
      return "graphite-web's answer does not unpickle";
    }
    String a = unpickle(actual, scratch);
    if (a == null) {
      return "Plumbago's answer does not unpickle";
    }
    return json(e, a, Set.of());
  }

  private static String unpickle(byte[] bytes, Path scratch) throws IOException, InterruptedException {
    Path file = Files.createTempFile(scratch, "answer", ".pickle");
    Path out = Files.createTempFile(scratch, "answer", ".json");
    try {
      Files.write(file, bytes);
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", PICKLE_TO_JSON, file.toString())
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? Files.readString(out) : null;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(out);
    }
  }

  /** Two values as text: equal, both {@code none}, or numbers within tolerance. */
  private static boolean sameText(String e, String a, String none) {
    if (e.equals(a)) {
      return true;
    }
    if (e.equals(none) || a.equals(none)) {
      return false;
    }
    try {
      return close(Double.parseDouble(pythonFloat(e)), Double.parseDouble(pythonFloat(a)));
    } catch (NumberFormatException notNumbers) {
      return false;
    }
  }

  private static String pythonFloat(String s) {
    return switch (s) {
      case "inf" -> "Infinity";
      case "-inf" -> "-Infinity";
      case "nan" -> "NaN";
      default -> s;
    };
  }

  static boolean close(double e, double a) {
    if (Double.isNaN(e) || Double.isNaN(a)) {
      return Double.isNaN(e) && Double.isNaN(a);
    }
    if (e == a) {
      return true;
    }
    if (e == 0 || a == 0 || Double.isInfinite(e) || Double.isInfinite(a)) {
      return false;
    }
    return Math.abs(e - a) <= RELATIVE * Math.max(Math.abs(e), Math.abs(a));
  }

  private static List<List<String>> csvRows(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  private static String repr(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format("%.1f", d) : Double.toString(d);
  }

  private static String show(Object o) {
    String s = o instanceof String str ? '"' + str + '"' : String.valueOf(o);
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  /** {@code text} cut to {@code max} characters, marked when cut. */
  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
