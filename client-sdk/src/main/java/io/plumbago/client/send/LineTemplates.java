package io.plumbago.client.send;

/**
 * One calling thread's cache of {@link EncodedKey}s: direct-mapped, a key that finds its slot taken replaces the one
 * there. Owner thread only; bounded by its size.
 */
public final class LineTemplates {
  private final EncodedKey[] slots;
  private final int mask;

  /** A cache of {@code size} slots (a power of two). */
  public LineTemplates(int size) {
    slots = new EncodedKey[size];
    mask = size - 1;
  }

  /** The key of a call, made by {@code factory} when not cached; null when the factory gives null. */
  public EncodedKey get(byte[] type, String name, String tag1, String tag2, EncodedKey.Factory factory) {
    int slot = EncodedKey.hash(type, name, tag1, tag2) & mask;
    EncodedKey key = slots[slot];
    if (key == null || !key.matches(type, name, tag1, tag2)) {
      key = factory.create(type, name, tag1, tag2);
      slots[slot] = key;
    }
    return key;
  }
}
