package io.plumbago.whisper;

/**
 * The one exception whisper-store throws for bad input: a corrupt or truncated file, a retention definition that
 * breaks whisper's rules, a timestamp no archive covers, or a metric name that cannot become a file path. The
 * message names the file (where there is one) and what is wrong.
 */
public final class WhisperFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public WhisperFormatException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public WhisperFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
