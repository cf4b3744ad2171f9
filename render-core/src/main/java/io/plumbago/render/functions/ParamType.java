package io.plumbago.render.functions;

/** The parameter types graphite-web's {@code /functions} lists, by their JSON names. */
public enum ParamType {
  BOOLEAN("boolean"), DATE("date"), FLOAT("float"), INTEGER("integer"), INTERVAL("interval"),
  INT_OR_INTERVAL("intOrInterval"), INT_OR_INF("intOrInf"), NODE("node"), NODE_OR_TAG("nodeOrTag"),
  SERIES("series"), SERIES_LIST("seriesList"), SERIES_LISTS("seriesLists"), STRING("string"), TAG("tag"),
  ANY("any"), AGG_FUNC("aggFunc"), AGG_OR_SERIES_FUNC("aggOrSeriesFunc");

  private final String jsonName;

  ParamType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The type's name in {@code /functions}. */
  public String jsonName() {
    return jsonName;
  }
}
