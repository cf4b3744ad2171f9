package io.plumbago.carbon.codec;

import io.plumbago.carbon.CarbonProtocolException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle reader that builds plain values only: lists ({@link List}), tuples ({@link PickleTuple}), dicts
 * ({@link Map}), text ({@link String}), bytes ({@code byte[]}), integers ({@link Long} or {@link BigInteger}),
 * floats ({@link Double}), booleans and None ({@code null}). It reads protocols 0 to 5 as Python 2 and 3 senders write
 * them. Any opcode that could name or call code ({@code GLOBAL}, {@code REDUCE}, {@code BUILD}, {@code INST},
 * {@code OBJ}, {@code NEWOBJ}, persistent ids, extensions) and any unknown opcode is refused with a
 * {@link CarbonProtocolException}, as are frames that nest, memoise or build more than the limits allow. Python-2
 * byte strings ({@code S}, {@code T}, {@code U}) are read as UTF-8 text, as carbon's unpickler reads them. Stateless.
 */
public final class PickleDecoder {
  private final int maxObjects;
  private final int maxDepth;

  /** A decoder building at most {@code maxObjects} values per frame, nesting at most {@code maxDepth} marks. */
  public PickleDecoder(int maxObjects, int maxDepth) {
    this.maxObjects = maxObjects;
    this.maxDepth = maxDepth;
  }

  /** The value pickled in {@code body[offset, offset + length)}. */
  public Object decode(byte[] body, int offset, int length) {
    return new Reader(body, offset, offset + length).run();
  }

  private final class Reader {
    private final byte[] in;
    private int pos;
    private final int end;
    private Object[] stack = new Object[16];
    private int top;
    private int[] marks = new int[8];
    private int markTop;
    private final Map<Long, Object> memo = new HashMap<>();
    private int built;

    Reader(byte[] in, int start, int end) {
      this.in = in;
      this.pos = start;
      this.end = end;
    }

    Object run() {
      while (true) {
        int op = u8();
        switch (op) {
          case 0x80 -> { // PROTO
            int proto = u8();
            if (proto > 5) {
              throw bad("unsupported pickle protocol " + proto);
            }
          }
          case 0x95 -> skip(8); // FRAME: the length is advisory
          case '.' -> { // STOP
            if (top != 1 || markTop != 0) {
              throw bad("STOP with " + top + " values and " + markTop + " marks on the stack");
            }
            return stack[0];
          }
          case '(' -> mark();
          case '0' -> pop();
          case '1' -> popMark();
          case '2' -> push(peek());
          case 'N' -> push(null);
          case 0x88 -> push(Boolean.TRUE);
          case 0x89 -> push(Boolean.FALSE);
          case 'I' -> pushIntLine(line());
          case 'J' -> push((long) s32());
          case 'K' -> push((long) u8());
          case 'M' -> push((long) (u8() | (u8() << 8)));
          case 'L' -> pushLongLine(line());
          case 0x8a -> pushLong(bytes(u8()));
          case 0x8b -> pushLong(bytes(len32()));
          case 'F' -> push(parseFloat(line()));
          case 'G' -> push(Double.longBitsToDouble(s64be()));
          case 'S' -> push(text(unquote(line())));
          case 'T' -> push(text(bytes(len32())));
          case 'U' -> push(text(bytes(u8())));
          case 'V' -> push(rawUnicodeEscape(line()));
          case 'X' -> push(text(bytes(len32())));
          case 0x8c -> push(text(bytes(u8())));
          case 0x8d -> push(text(bytes(len64())));
          case 'B' -> push(bytes(len32()));
          case 'C' -> push(bytes(u8()));
          case 0x8e -> push(bytes(len64()));
          case ']' -> push(new ArrayList<>());
          case 'l' -> push(new ArrayList<>(popToMark()));
          case 'a' -> {
            Object value = pop();
            list(peek()).add(value);
          }
          case 'e' -> {
            List<Object> items = popToMark();
            list(peek()).addAll(items);
          }
          case ')' -> push(new PickleTuple(List.of()));
          case 't' -> push(tuple(popToMark()));
          case 0x85 -> push(tuple(List.of(pop())));
          case 0x86 -> {
            Object b = pop();
            Object a = pop();
            push(tuple(Arrays.asList(a, b)));
          }
          case 0x87 -> {
            Object c = pop();
            Object b = pop();
            Object a = pop();
            push(tuple(Arrays.asList(a, b, c)));
          }
          case '}' -> push(new LinkedHashMap<>());
          case 'd' -> {
            List<Object> items = popToMark();
            Map<Object, Object> dict = new LinkedHashMap<>();
            putAll(dict, items);
            push(dict);
          }
          case 's' -> {
            Object value = pop();
            Object key = pop();
            dict(peek()).put(hashable(key), value);
          }
          case 'u' -> {
            List<Object> items = popToMark();
            putAll(dict(peek()), items);
          }
          case 'p' -> memoPut(parseMemoIndex(line()));
          case 'q' -> memoPut(u8());
          case 'r' -> memoPut(len32());
          case 0x94 -> memoPut(memo.size());
          case 'g' -> memoGet(parseMemoIndex(line()));
          case 'h' -> memoGet(u8());
          case 'j' -> memoGet(len32());
          case 'c', 0x93, 'R', 'b', 'i', 'o', 0x81, 0x92, 'P', 'Q', 0x82, 0x83, 0x84 ->
              throw bad(String.format("opcode 0x%02x would build an object or call code: refused", op));
          default -> throw bad(String.format("unknown or unsupported opcode 0x%02x", op));
        }
      }
    }

    private void push(Object value) {
      if (++built > maxObjects) {
        throw bad("more than " + maxObjects + " values in one frame");
      }
      if (top == stack.length) {
        stack = Arrays.copyOf(stack, top * 2);
      }
      stack[top++] = value;
    }

    private Object pop() {
      if (top == 0 || (markTop > 0 && top == marks[markTop - 1])) {
        throw bad("stack underflow");
      }
      return stack[--top];
    }

    private Object peek() {
      if (top == 0 || (markTop > 0 && top == marks[markTop - 1])) {
        throw bad("stack underflow");
      }
      return stack[top - 1];
    }

    private void mark() {
      if (markTop == maxDepth) {
        throw bad("nested deeper than " + maxDepth);
      }
      if (markTop == marks.length) {
        marks = Arrays.copyOf(marks, markTop * 2);
      }
      marks[markTop++] = top;
    }

    private void popMark() {
      if (markTop == 0) {
        throw bad("no mark to pop");
      }
      top = marks[--markTop];
    }

    private List<Object> popToMark() {
      if (markTop == 0) {
        throw bad("no mark");
      }
      int from = marks[--markTop];
      List<Object> items = new ArrayList<>(Arrays.asList(stack).subList(from, top));
      top = from;
      return items;
    }

    private PickleTuple tuple(List<Object> items) {
      return new PickleTuple(items);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
      if (o instanceof List<?> l && !(o instanceof PickleTuple)) {
        return (List<Object>) l;
      }
      throw bad("append to something that is not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) {
      if (o instanceof Map<?, ?> m) {
        return (Map<Object, Object>) m;
      }
      throw bad("set an item on something that is not a dict");
    }

    private void putAll(Map<Object, Object> dict, List<Object> items) {
      if (items.size() % 2 != 0) {
        throw bad("odd number of dict items");
      }
      for (int i = 0; i < items.size(); i += 2) {
        dict.put(hashable(items.get(i)), items.get(i + 1));
      }
    }

    private Object hashable(Object key) {
      if (key instanceof List<?> || key instanceof Map<?, ?> || key instanceof byte[]) {
        throw bad("unhashable dict key");
      }
      return key;
    }

    private void memoPut(long index) {
      if (memo.size() >= maxObjects) {
        throw bad("memo larger than " + maxObjects);
      }
      memo.put(index, peek());
    }

    private void memoGet(long index) {
      if (!memo.containsKey(index)) {
        throw bad("memo index " + index + " not set");
      }
      push(memo.get(index));
    }

    private void pushIntLine(String line) {
      if (line.equals("00")) {
        push(Boolean.FALSE);
      } else if (line.equals("01")) {
        push(Boolean.TRUE);
      } else {
        pushLongLine(line);
      }
    }

    private void pushLongLine(String line) {
      String digits = line.endsWith("L") ? line.substring(0, line.length() - 1) : line;
      try {
        BigInteger value = new BigInteger(digits.strip());
        push(value.bitLength() < 64 ? (Object) value.longValue() : value);
      } catch (NumberFormatException e) {
        throw bad("bad integer '" + line + "'");
      }
    }

    private void pushLong(byte[] littleEndian) {
      if (littleEndian.length == 0) {
        push(0L);
        return;
      }
      byte[] bigEndian = new byte[littleEndian.length];
      for (int i = 0; i < littleEndian.length; i++) {
        bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
      }
      BigInteger value = new BigInteger(bigEndian);
      push(value.bitLength() < 64 ? (Object) value.longValue() : value);
    }

    private double parseFloat(String line) {
      Double value = PythonFloat.parse(line);
      if (value == null) {
        throw bad("bad float '" + line + "'");
      }
      return value;
    }

    private long parseMemoIndex(String line) {
      try {
        return Long.parseLong(line.strip());
      } catch (NumberFormatException e) {
        throw bad("bad memo index '" + line + "'");
      }
    }

    private String line() {
      int start = pos;
      while (pos < end && in[pos] != '\n') {
        pos++;
      }
      if (pos == end) {
        throw bad("truncated: no end of line");
      }
      String line = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
      pos++;
      return line;
    }

    private byte[] unquote(String line) {
      String s = line.strip();
      if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1) || (s.charAt(0) != '\'' && s.charAt(0) != '"')) {
        throw bad("STRING opcode argument must be quoted");
      }
      return pythonStringEscape(s.substring(1, s.length() - 1));
    }

    private byte[] pythonStringEscape(String s) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '\\' || i + 1 == s.length()) {
          out.write(c);
          continue;
        }
        char e = s.charAt(++i);
        switch (e) {
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case 'r' -> out.write('\r');
          case '\\', '\'', '"' -> out.write(e);
          case 'x' -> {
            if (i + 2 >= s.length()) {
              throw bad("bad \\x escape");
            }
            try {
              out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
            } catch (RuntimeException ex) {
              throw bad("bad \\x escape");
            }
            i += 2;
          }
          default -> {
            out.write('\\');
            out.write(e);
          }
        }
      }
      return out.toByteArray();
    }

    private String rawUnicodeEscape(String latin1) {
      StringBuilder out = new StringBuilder(latin1.length());
      for (int i = 0; i < latin1.length(); i++) {
        char c = latin1.charAt(i);
        if (c == '\\' && i + 1 < latin1.length() && (latin1.charAt(i + 1) == 'u' || latin1.charAt(i + 1) == 'U')) {
          int digits = latin1.charAt(i + 1) == 'u' ? 4 : 8;
          if (i + 2 + digits > latin1.length()) {
            throw bad("truncated \\u escape");
          }
          try {
            out.appendCodePoint(Integer.parseInt(latin1.substring(i + 2, i + 2 + digits), 16));
          } catch (RuntimeException e) {
            throw bad("bad \\u escape");
          }
          i += 1 + digits;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private String text(byte[] bytes) {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw bad("string is not UTF-8");
      }
    }

    private int u8() {
      if (pos >= end) {
        throw bad("truncated");
      }
      return in[pos++] & 0xff;
    }

    private void skip(int n) {
      if (end - pos < n) {
        throw bad("truncated");
      }
      pos += n;
    }

    private int s32() {
      return u8() | (u8() << 8) | (u8() << 16) | (u8() << 24);
    }

    private long len32() {
      long n = s32() & 0xffff_ffffL;
      return n;
    }

    private long len64() {
      long lo = len32();
      long hi = len32();
      if (hi != 0) {
        throw bad("length beyond 4 GiB");
      }
      return lo;
    }

    private long s64be() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | u8();
      }
      return v;
    }

    private byte[] bytes(long n) {
      if (n < 0 || n > end - pos) {
        throw bad("truncated: " + n + " bytes announced, " + (end - pos) + " left");
      }
      byte[] b = Arrays.copyOfRange(in, pos, pos + (int) n);
      pos += (int) n;
      return b;
    }

    private CarbonProtocolException bad(String why) {
      return new CarbonProtocolException("invalid pickle: " + why);
    }
  }
}
