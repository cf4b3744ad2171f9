package io.plumbago.benchmarks;

/** The JVM flags Chronicle Bytes needs on Java 17, as constants so {@code @Fork(jvmArgsAppend = ...)} can use them. */
final class JvmFlags {
  static final String OPENS_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
  static final String OPENS_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
  static final String EXPORTS_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";

  private JvmFlags() {}
}
