package io.plumbago.client.send;

/**
 * A metric's key (type, name, up to two tags) with the encoded text that goes before its value ({@code prefix.name:})
 * and after it ({@code |type|#tags\n}), so a repeated call copies two arrays instead of encoding strings again. Also
 * the running total of an aggregated counter: written by the owner thread only, read by the sender.
 */
public final class EncodedKey {
  final byte[] type;
  final String name;
  final String tag1;
  final String tag2;
  /** {@code prefix.name:} as sent. */
  public final byte[] head;
  /** {@code |type|#tags\n} as sent. */
  public final byte[] tail;
  // aggregated counters: the owner's running total, and the sender's view of it
  long total;
  long reported;
  int idleIntervals;

  /** A key whose line is {@code head}, a value, {@code tail}. */
  public EncodedKey(byte[] type, String name, String tag1, String tag2, byte[] head, byte[] tail) {
    this.type = type;
    this.name = name;
    this.tag1 = tag1;
    this.tag2 = tag2;
    this.head = head;
    this.tail = tail;
  }

  /** Makes the key of a call the first time a thread sees it, or null when its line could not fit a packet. */
  @FunctionalInterface
  public interface Factory {
    EncodedKey create(byte[] type, String name, String tag1, String tag2);
  }

  static int hash(byte[] type, String name, String tag1, String tag2) {
    int h = (name.hashCode() * 31 + (tag1 == null ? 0 : tag1.hashCode())) * 31 + (tag2 == null ? 0 : tag2.hashCode());
    h += type[0];
    return h ^ h >>> 16;
  }

  boolean matches(byte[] type, String name, String tag1, String tag2) {
    return this.type == type && name.equals(this.name) && same(tag1, this.tag1) && same(tag2, this.tag2);
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }
}
