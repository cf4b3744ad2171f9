package io.plumbago.events;

/** The one exception events-core throws for an event it will not take; the message names the field and the rule. */
public class EventFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An error saying what is wrong with the event. */
  public EventFormatException(String message) {
    super(message);
  }
}
