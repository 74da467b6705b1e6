package io.steadystate.merge.internal;

/** Strict UTF-8 checking (no overlongs, no surrogates, nothing above U+10FFFF), without decoding. */
final class Utf8 {

    private Utf8() {
    }

    /** Length of the well-formed UTF-8 sequence starting at {@code i}, or -1 when it is not one. */
    static int sequenceLength(byte[] b, int i) {
        int n = b.length;
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return 1;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            return i + 1 < n && cont(b[i + 1]) ? 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) {
                return -1;
            }
            int c1 = b[i + 1] & 0xff;
            return (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) ? -1 : 3;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
                return -1;
            }
            int c1 = b[i + 1] & 0xff;
            return (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F) ? -1 : 4;
        }
        return -1;
    }

    private static boolean cont(byte x) {
        return (x & 0xC0) == 0x80;
    }
}
