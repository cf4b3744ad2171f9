package io.plumbago.events.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tag names an event is found by, as django-tagging (under graphite-web) derives them from the event's tag
 * string: plain words are names as they are; with a comma or a double quote anywhere, the string is split on commas
 * (or, without a loose comma, on spaces) and quoted parts are names of their own. graphite-web still returns the
 * words as posted, so {@code "ops,db"} is shown as one word yet found by {@code ops} and by {@code db}.
 */
final class TagNames {
  private TagNames() {}

  static Set<String> of(Collection<String> words) {
    boolean plain = true;
    for (String w : words) {
      if (w.indexOf(',') >= 0 || w.indexOf('"') >= 0) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return words instanceof Set<String> set ? set : new LinkedHashSet<>(words);
    }
    return parse(String.join(" ", words));
  }

  private static Set<String> parse(String input) {
    Set<String> names = new LinkedHashSet<>();
    List<String> unquoted = new ArrayList<>();
    StringBuilder buffer = new StringBuilder();
    boolean looseComma = false;
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i++);
      if (c != '"') {
        looseComma |= c == ',';
        buffer.append(c);
        continue;
      }
      if (buffer.length() > 0) {
        unquoted.add(buffer.toString());
        buffer.setLength(0);
      }
      int close = input.indexOf('"', i);
      if (close < 0) {
        // an unclosed quote: the rest counts as unquoted text
        buffer.append(input, i, input.length());
        looseComma |= buffer.indexOf(",") >= 0;
        i = input.length();
        break;
      }
      String word = input.substring(i, close).strip();
      if (!word.isEmpty()) {
        names.add(word);
      }
      i = close + 1;
    }
    if (buffer.length() > 0) {
      unquoted.add(buffer.toString());
    }
    String delimiter = looseComma ? "," : " ";
    for (String chunk : unquoted) {
      for (String part : chunk.split(java.util.regex.Pattern.quote(delimiter), -1)) {
        String name = part.strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
