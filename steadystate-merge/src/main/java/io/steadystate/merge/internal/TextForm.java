package io.steadystate.merge.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One side of a merge, analysed: whether it is text, its byte order mark and line-ending convention,
 * and its body without the BOM (line endings still as in the input).
 */
record TextForm(byte[] raw, boolean binary, boolean bom, Eol eol) {

    private static final int NUL_SCAN_LIMIT = 8000; // git's heuristic: a NUL in the first 8000 bytes

    static TextForm of(byte[] raw) {
        boolean bom = raw.length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF;
        // One pass decides everything. Eight bytes at a time: plain ASCII without CR or NUL (almost
        // all source code) needs no closer look.
        int n = raw.length;
        int i = 0;
        boolean lf = false;
        boolean closer = false;
        for (; i + 8 <= n; i += 8) {
            long w = (long) LONGS.get(raw, i);
            if ((w & HIGH_BITS) != 0 || hasByte(w, 0x0D) || (i < NUL_SCAN_LIMIT && hasByte(w, 0x00))) {
                closer = true;
                break;
            }
            lf |= hasByte(w, 0x0A);
        }
        if (!closer) {
            for (; i < n; i++) {
                byte x = raw[i];
                if (x < 0 || x == '\r' || (x == 0 && i < NUL_SCAN_LIMIT)) {
                    closer = true;
                    break;
                }
                lf |= x == '\n';
            }
        }
        if (!closer) {
            return new TextForm(raw, false, bom, lf ? Eol.LF : Eol.NONE);
        }
        boolean binary = hasNul(raw) || !Utf8.isValid(raw);
        return new TextForm(raw, binary, bom, binary ? Eol.MIXED : eolOf(raw));
    }

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Whether any byte of {@code w} equals {@code b} (the classic zero-byte test on {@code w ^ b...b}). */
    private static boolean hasByte(long w, int b) {
        long x = w ^ (LOW_BITS * b);
        return ((x - LOW_BITS) & ~x & HIGH_BITS) != 0;
    }

    /** The text without BOM, with CRLF turned into LF when {@code toLf} is set. */
    byte[] body(boolean toLf) {
        int from = bom ? 3 : 0;
        if (!toLf || eol != Eol.CRLF) {
            return from == 0 ? raw : Arrays.copyOfRange(raw, from, raw.length);
        }
        byte[] out = new byte[raw.length - from];
        int n = 0;
        for (int i = from; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
                continue;
            }
            out[n++] = b;
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean hasNul(byte[] raw) {
        int limit = Math.min(raw.length, NUL_SCAN_LIMIT);
        for (int i = 0; i < limit; i++) {
            if (raw[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static Eol eolOf(byte[] raw) {
        boolean lf = false;
        boolean crlf = false;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                if (i > 0 && raw[i - 1] == '\r') {
                    crlf = true;
                } else {
                    lf = true;
                }
                if (lf && crlf) {
                    return Eol.MIXED;
                }
            }
        }
        return crlf ? Eol.CRLF : lf ? Eol.LF : Eol.NONE;
    }
}
