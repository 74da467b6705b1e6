package io.steadystate.merge.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.eclipse.jgit.util.IntList;

/**
 * One side of a merge, analysed: whether it is text, its byte order mark and line-ending convention,
 * and its body without the BOM (line endings still as in the input). The same pass records where
 * lines start, in the form of JGit's {@code RawText}, so that the raw text is not scanned again.
 */
record TextForm(byte[] raw, boolean binary, boolean bom, Eol eol, IntList lineMap) {

    private static final int NUL_SCAN_LIMIT = 8000; // git's heuristic: a NUL in the first 8000 bytes

    static TextForm of(byte[] raw) {
        boolean bom = raw.length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF;
        // One pass decides everything. Eight bytes at a time where they are plain ASCII without CR or
        // NUL (almost all of any source file); byte by byte, validating UTF-8, elsewhere.
        int n = raw.length;
        int i = 0;
        boolean lf = false;
        boolean crlf = false;
        IntList map = new IntList(Math.max(16, n / 36));
        map.add(Integer.MIN_VALUE);
        if (n > 0) {
            map.add(0);
        }
        while (i < n) {
            if (i + 8 <= n) {
                long w = (long) LONGS.get(raw, i);
                if ((w & HIGH_BITS) == 0 && !hasByte(w, 0x0D) && !(i < NUL_SCAN_LIMIT && hasByte(w, 0x00))) {
                    if (!hasByte(w, 0x0A)) {
                        i += 8;
                        continue;
                    }
                    if (i == 0 || raw[i - 1] != '\r') {
                        lf = true;
                        addLineStarts(map, w, i, n);
                        i += 8;
                        continue;
                    }
                }
            }
            byte x = raw[i];
            if (x >= 0) {
                if (x == 0 && i < NUL_SCAN_LIMIT) {
                    return new TextForm(raw, true, bom, Eol.MIXED, null);
                }
                if (x == '\n') {
                    if (i + 1 < n) {
                        map.add(i + 1);
                    }
                    if (i > 0 && raw[i - 1] == '\r') {
                        crlf = true;
                    } else {
                        lf = true;
                    }
                }
                i++;
            } else {
                int len = Utf8.sequenceLength(raw, i);
                if (len < 0) {
                    return new TextForm(raw, true, bom, Eol.MIXED, null);
                }
                i += len;
            }
        }
        map.add(n);
        Eol eol = crlf && lf ? Eol.MIXED : crlf ? Eol.CRLF : lf ? Eol.LF : Eol.NONE;
        return new TextForm(raw, false, bom, eol, map);
    }

    /** Adds the start of every line that begins after a line feed in the ASCII word {@code w} at {@code i}. */
    private static void addLineStarts(IntList map, long w, int i, int n) {
        long x = w ^ (LOW_BITS * '\n');
        // Exact per byte for ASCII: the high bit marks bytes of x that are zero, i.e. line feeds.
        long feeds = ~(((x & SEVEN_BITS) + SEVEN_BITS) | x | SEVEN_BITS);
        while (feeds != 0) {
            int next = i + (Long.numberOfTrailingZeros(feeds) >>> 3) + 1;
            if (next < n) {
                map.add(next);
            }
            feeds &= feeds - 1;
        }
    }

    /** The lines of the body, reusing the line map when the body is the raw text. */
    Lines lines(byte[] body) {
        return body == raw && lineMap != null ? new Lines(body, lineMap) : new Lines(body);
    }

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
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

}
