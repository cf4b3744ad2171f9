/**
 * The {@code plumbago} program and wiring examples: {@link io.plumbago.examples.Stack} shows how the modules join in
 * one process (a dozen lines of host code), and {@link io.plumbago.examples.Plumbago} is the command line.
 */
package io.plumbago.examples;
