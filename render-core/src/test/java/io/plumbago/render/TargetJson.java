package io.plumbago.render;

import io.plumbago.render.format.PythonFloats;
import java.util.List;

/**
 * The canonical JSON line {@code graphite_grammar.py} prints for graphite-web's parse of a target, written here for
 * {@link TargetParser}'s: compact, keys in a fixed order, non-ASCII escaped as Python's {@code json.dumps} does.
 */
final class TargetJson {
  private TargetJson() {}

  /** The line for {@code text}: the tree and whether all of it parsed, or an error. */
  static String parseLine(String text) {
    Target target;
    try {
      target = TargetParser.parse(text);
    } catch (TargetSyntaxException e) {
      return "{\"error\":true}";
    }
    boolean full;
    try {
      TargetParser.parseStrict(text);
      full = true;
    } catch (TargetSyntaxException e) {
      full = false;
    }
    StringBuilder out = new StringBuilder("{\"target\":");
    write(target, out);
    return out.append(",\"full\":").append(full).append('}').toString();
  }

  static void write(Target target, StringBuilder out) {
    if (target instanceof Target.Path) {
      string(((Target.Path) target).text(), out.append("{\"path\":")).append('}');
    } else if (target instanceof Target.Call) {
      Target.Call call = (Target.Call) target;
      string(call.function(), out.append("{\"call\":"));
      arguments(call.args(), call.kwargs(), out);
    } else if (target instanceof Target.Template) {
      Target.Template template = (Target.Template) target;
      write(template.inner(), out.append("{\"template\":"));
      arguments(template.args(), template.kwargs(), out);
    } else if (target instanceof Target.StringLiteral) {
      string(((Target.StringLiteral) target).value(), out.append("{\"str\":")).append('}');
    } else if (target instanceof Target.IntLiteral) {
      out.append("{\"int\":\"").append(((Target.IntLiteral) target).value()).append("\"}");
    } else if (target instanceof Target.FloatLiteral) {
      out.append("{\"float\":").append(PythonFloats.repr(((Target.FloatLiteral) target).value())).append('}');
    } else if (target instanceof Target.BooleanLiteral) {
      out.append("{\"bool\":").append(((Target.BooleanLiteral) target).value()).append('}');
    } else if (target instanceof Target.NoneLiteral) {
      out.append("{\"none\":null}");
    } else {
      out.append("{\"inf\":null}");
    }
  }

  private static void arguments(List<Target> args, List<Target.Keyword> kwargs, StringBuilder out) {
    out.append(",\"args\":[");
    for (int i = 0; i < args.size(); i++) {
      write(args.get(i), out.append(i == 0 ? "" : ","));
    }
    out.append("],\"kwargs\":[");
    for (int i = 0; i < kwargs.size(); i++) {
      string(kwargs.get(i).name(), out.append(i == 0 ? "[" : ",["));
      write(kwargs.get(i).value(), out.append(','));
      out.append(']');
    }
    out.append("]}");
  }

  /** A JSON string as Python's json.dumps writes it (ensure_ascii). */
  static StringBuilder string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"');
  }

  /** Reads one JSON string literal (the corpus format): the escapes above plus {@code \/} and {@code \\uXXXX}. */
  static String decode(String json) {
    if (json.length() < 2 || json.charAt(0) != '"' || json.charAt(json.length() - 1) != '"') {
      throw new IllegalArgumentException("not a JSON string: " + json);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < json.length() - 1; i++) {
      char c = json.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = json.charAt(++i);
      switch (e) {
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'u':
          out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        default: out.append(e);
      }
    }
    return out.toString();
  }
}
