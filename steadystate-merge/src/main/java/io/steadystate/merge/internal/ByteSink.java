package io.steadystate.merge.internal;

import java.util.Arrays;

/** A growable byte buffer without the locking of {@link java.io.ByteArrayOutputStream}. */
final class ByteSink {

    private byte[] buf;
    private int size;
    /** Line feeds in {@code buf[0, counted)}, counted on demand. */
    private int lineFeeds;
    private int counted;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void write(byte[] src, int from, int to) {
        int len = to - from;
        ensure(len);
        System.arraycopy(src, from, buf, size, len);
        size += len;
    }

    void write(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    void write(byte[] src) {
        write(src, 0, src.length);
    }

    int size() {
        return size;
    }

    /** Whether the content so far is empty or ends with a line feed. */
    boolean atLineStart() {
        return size == 0 || buf[size - 1] == '\n';
    }

    /** How many line feeds the content holds so far. */
    int lineFeeds() {
        for (; counted < size; counted++) {
            if (buf[counted] == '\n') {
                lineFeeds++;
            }
        }
        return lineFeeds;
    }

    boolean endsWith(byte[] suffix) {
        return suffix.length <= size && Arrays.equals(buf, size - suffix.length, size, suffix, 0, suffix.length);
    }

    boolean startsWith(byte[] prefix) {
        return prefix.length <= size && Arrays.equals(buf, 0, prefix.length, prefix, 0, prefix.length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
