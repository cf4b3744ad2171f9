package io.plumbago.render;

/**
 * A target graphite-web's grammar does not accept: an HTTP 400 naming the position (a zero-based index into the
 * target) where the parse could go no further.
 */
public final class TargetSyntaxException extends RenderException {
  private static final long serialVersionUID = 1L;
  private final int position;

  /** A syntax error at {@code position} of the target. */
  public TargetSyntaxException(int position, String message) {
    super(400, message);
    this.position = position;
  }

  /** Zero-based index into the target where the parse failed. */
  public int position() {
    return position;
  }
}
