package io.plumbago.events.http;

import io.plumbago.events.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTML of {@code /events}: the listing, one event's page, and the events submitter page with its script and
 * style (classpath resources, so it works offline). Everything from an event is HTML-escaped.
 */
final class Pages {
  private final String submit;
  private final String script;
  private final String style;

  Pages(boolean tokenRequired) {
    this.submit = resource("submit.html").replace("{{tokenRequired}}", Boolean.toString(tokenRequired));
    this.script = resource("submit.js");
    this.style = resource("submit.css");
  }

  private static String resource(String name) {
    try (InputStream in = Pages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String submit() {
    return submit;
  }

  String script() {
    return script;
  }

  String style() {
    return style;
  }

  String list(List<Event> events, int matching) {
    StringBuilder out = head("Events");
    out.append("<main><h1>Events</h1><p>").append(events.size()).append(" shown (the newest) of ").append(matching)
        .append(" matching. <a href=\"/events/submit\">Submit an event</a></p>\n<table><thead><tr><th>When (UTC)</th>"
            + "<th>What</th><th>Tags</th><th>Data</th></tr></thead><tbody>\n");
    for (Event e : events) {
      out.append("<tr><td><a href=\"/events/").append(e.id()).append("/\">")
          .append(escape(PythonJson.isoWhen(e.whenSeconds()))).append("</a></td><td>").append(escape(e.what()))
          .append("</td><td>").append(escape(String.join(" ", e.tags()))).append("</td><td>").append(escape(e.data()))
          .append("</td></tr>\n");
    }
    return out.append("</tbody></table></main></body></html>\n").toString();
  }

  String detail(Event e) {
    StringBuilder out = head("Event " + e.id());
    out.append("<main><h1>").append(escape(e.what())).append("</h1><dl><dt>When (UTC)</dt><dd>")
        .append(escape(PythonJson.isoWhen(e.whenSeconds()))).append("</dd><dt>Tags</dt><dd>")
        .append(escape(String.join(" ", e.tags()))).append("</dd><dt>Data</dt><dd><pre>").append(escape(e.data()))
        .append("</pre></dd></dl><p><a href=\"/events/\">All events</a></p></main></body></html>\n");
    return out.toString();
  }

  String notFound() {
    return head("Not found").append("<main><h1>Not found</h1><p>No such event. <a href=\"/events/\">All events</a>"
        + "</p></main></body></html>\n").toString();
  }

  private static StringBuilder head(String title) {
    return new StringBuilder(1024).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(escape(title))
        .append("</title><link rel=\"stylesheet\" href=\"/events/submit.css\"></head><body>\n");
  }

  /** Text safe inside HTML elements and double-quoted attributes. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
