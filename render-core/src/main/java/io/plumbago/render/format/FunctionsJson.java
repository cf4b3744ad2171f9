package io.plumbago.render.format;

import io.plumbago.render.functions.FunctionDef;
import io.plumbago.render.functions.FunctionRegistry;
import io.plumbago.render.functions.Param;
import io.plumbago.render.functions.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * graphite-web's {@code /functions} body: {@code {name: {name, function, description, module, group, params}}}, or
 * grouped by group with {@code grouped=1}, or one function's entry for {@code /functions/<name>}. Grafana's function
 * editor reads it.
 */
public final class FunctionsJson {
  private FunctionsJson() {}

  /** Every function (those of {@code group} only, when not null), keyed by name or by group then name. */
  public static String list(FunctionRegistry registry, String group, boolean grouped) {
    Map<String, List<FunctionDef>> byGroup = new LinkedHashMap<>();
    List<FunctionDef> flat = new ArrayList<>();
    for (FunctionDef def : registry.all().values()) {
      if (group != null && !group.equals(def.group())) {
        continue;
      }
      flat.add(def);
      byGroup.computeIfAbsent(def.group(), g -> new ArrayList<>()).add(def);
    }
    StringBuilder out = new StringBuilder(32_768).append('{');
    if (grouped) {
      boolean firstGroup = true;
      for (Map.Entry<String, List<FunctionDef>> g : byGroup.entrySet()) {
        if (!firstGroup) {
          out.append(", ");
        }
        firstGroup = false;
        JsonFormat.string(out, g.getKey());
        out.append(": {");
        entries(out, g.getValue());
        out.append('}');
      }
    } else {
      entries(out, flat);
    }
    return out.append('}').toString();
  }

  /** One function's entry. */
  public static String one(FunctionDef def) {
    StringBuilder out = new StringBuilder(1024);
    info(out, def);
    return out.toString();
  }

  private static void entries(StringBuilder out, List<FunctionDef> defs) {
    boolean first = true;
    for (FunctionDef def : defs) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      JsonFormat.string(out, def.name());
      out.append(": ");
      info(out, def);
    }
  }

  private static void info(StringBuilder out, FunctionDef def) {
    out.append("{\"name\": ");
    JsonFormat.string(out, def.name());
    out.append(", \"function\": ");
    JsonFormat.string(out, signature(def));
    out.append(", \"description\": ");
    JsonFormat.string(out, def.description());
    out.append(", \"module\": \"graphite.render.functions\", \"group\": ");
    JsonFormat.string(out, def.group());
    out.append(", \"params\": [");
    boolean first = true;
    for (Param p : def.params()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append("{\"name\": ");
      JsonFormat.string(out, p.name());
      out.append(", \"type\": ");
      JsonFormat.string(out, p.type().jsonName());
      if (p.required()) {
        out.append(", \"required\": true");
      }
      if (p.defaultValue() != null) {
        out.append(", \"default\": ");
        json(out, p.defaultValue());
      }
      if (p.multiple()) {
        out.append(", \"multiple\": true");
      }
      if (!p.options().isEmpty()) {
        out.append(", \"options\": [");
        List<Object> sorted = new ArrayList<>(p.options());
        sorted.sort((a, b) -> Values.str(a).compareTo(Values.str(b)));
        for (int i = 0; i < sorted.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          json(out, sorted.get(i));
        }
        out.append(']');
      }
      if (!p.suggestions().isEmpty()) {
        out.append(", \"suggestions\": [");
        for (int i = 0; i < p.suggestions().size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          json(out, p.suggestions().get(i));
        }
        out.append(']');
      }
      out.append('}');
    }
    out.append("]}");
  }

  /** graphite-web's {@code function} field: the Python signature, e.g. {@code movingAverage(seriesList, windowSize,
   * xFilesFactor=None)}. */
  static String signature(FunctionDef def) {
    StringBuilder sig = new StringBuilder(def.name()).append('(');
    for (int i = 0; i < def.params().size(); i++) {
      Param p = def.params().get(i);
      if (i > 0) {
        sig.append(", ");
      }
      if (p.multiple()) {
        sig.append('*').append(p.name());
      } else if (p.required()) {
        sig.append(p.name());
      } else {
        sig.append(p.name()).append('=').append(Values.repr(p.defaultValue()));
      }
    }
    return sig.append(')').toString();
  }

  private static void json(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      JsonFormat.string(out, s);
    } else if (v instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (v instanceof Double d) {
      out.append(PythonFloats.repr(d));
    } else {
      out.append(v);
    }
  }
}
