/**
 * Whisper storage: the whisper file format exactly as python whisper 1.1 writes it ({@link WhisperFile}), and a
 * tree of whisper files addressed by metric name ({@link WhisperDatabase}).
 *
 * <p>All timestamps are epoch seconds. Values are doubles; "no value" (whisper's {@code None}) is {@code NaN}.
 */
package io.plumbago.whisper;
