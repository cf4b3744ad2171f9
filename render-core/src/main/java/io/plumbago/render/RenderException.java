package io.plumbago.render;

/**
 * The one exception render-core throws for a request it cannot answer: it carries the HTTP status graphite-web would
 * send (400 for a bad parameter) and a message safe to show the client.
 */
public class RenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** An error answered with HTTP {@code status}. */
  public RenderException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }
}
