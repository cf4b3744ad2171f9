package io.plumbago.carbon;

/**
 * The one exception carbon-core throws for input it will not take: a malformed line or frame, or a point a sink
 * refuses. Listeners catch it, count it and carry on; it never closes a connection by itself.
 */
public class CarbonProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message that says what was wrong with the input. */
  public CarbonProtocolException(String message) {
    super(message);
  }
}
