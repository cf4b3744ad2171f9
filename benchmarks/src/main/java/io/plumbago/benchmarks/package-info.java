/**
 * JMH benchmarks of Plumbago's hot paths. Run {@code java -jar benchmarks/target/benchmarks.jar -h} for JMH's options;
 * every benchmark forks with {@link io.plumbago.benchmarks.JvmFlags} so Chronicle Bytes runs on Java 17.
 */
package io.plumbago.benchmarks;
