package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_FUNC;
import static io.plumbago.render.functions.ParamType.BOOLEAN;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.eval.Series;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** graphite-web's Sorting functions: the series reordered, stably (ties keep their input order) as Python sorts. */
final class Sorting {
  private static final Pattern DIGITS = Pattern.compile("\\d+", Pattern.UNICODE_CHARACTER_CLASS);

  private Sorting() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("sortBy", "Sorting", "Sorts the series by an aggregate (average by default), ascending unless reverse.",
        c -> {
          AggFuncs.AggFunc f = AggFuncs.get(c.string(1, "average"), c.string(1, "average"));
          return Filters.sortBy(c.seriesList(0), s -> f.apply(s.values()), c.bool(2, false));
        }, Param.required("seriesList", SERIES_LIST),
        Param.optional("func", AGG_FUNC, "average").options((Object[]) AggFuncs.NAMES),
        Param.optional("reverse", BOOLEAN, false));
    r.add("sortByName", "Sorting", "Sorts the series by name, alphabetically or naturally (numbers by value).", c -> {
      boolean natural = c.bool(1, false);
      boolean reverse = c.bool(2, false);
      List<Series> series = c.seriesList(0);
      List<String> keys = new ArrayList<>(series.size());
      List<Integer> order = new ArrayList<>(series.size());
      for (int i = 0; i < series.size(); i++) {
        keys.add(natural ? naturalKey(series.get(i).name()) : series.get(i).name());
        order.add(i);
      }
      Comparator<Integer> byKey = (a, b) -> compareCodePoints(keys.get(a), keys.get(b));
      order.sort(reverse ? byKey.reversed() : byKey);
      List<Series> out = new ArrayList<>(series.size());
      for (int i : order) {
        out.add(series.get(i));
      }
      return out;
    }, Param.required("seriesList", SERIES_LIST), Param.optional("natural", BOOLEAN, false),
        Param.optional("reverse", BOOLEAN, false));
    r.add("sortByTotal", "Sorting", "Sorts the series by the sum of their values, highest first.",
        c -> Filters.sortBy(c.seriesList(0), s -> AggFuncs.sum(s.values()), true),
        Param.required("seriesList", SERIES_LIST));
    r.add("sortByMaxima", "Sorting", "Sorts the series by their highest value, highest first.",
        c -> Filters.sortBy(c.seriesList(0), s -> AggFuncs.max(s.values()), true),
        Param.required("seriesList", SERIES_LIST));
    r.add("sortByMinima", "Sorting", "Sorts the series by their lowest value, lowest first, dropping those whose "
        + "highest value is not above 0.", c -> {
          List<Series> positive = new ArrayList<>();
          for (Series s : c.seriesList(0)) {
            double max = AggFuncs.max(s.values());
            if (!Double.isNaN(max) && max > 0) {
              positive.add(s);
            }
          }
          return Filters.sortBy(positive, s -> AggFuncs.min(s.values()), false);
        }, Param.required("seriesList", SERIES_LIST));
  }

  /** graphite-web's natural sort key: every run of digits as its number, zero-padded to at least ten digits. */
  static String naturalKey(String name) {
    Matcher m = DIGITS.matcher(name);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      StringBuilder ascii = new StringBuilder();
      m.group().codePoints().forEach(cp -> ascii.append(Character.digit(cp, 10)));
      String number = new BigInteger(ascii.toString()).toString();
      m.appendReplacement(out, Matcher.quoteReplacement("0".repeat(Math.max(0, 10 - number.length())) + number));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Python's string order: by code point, not UTF-16 unit. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
