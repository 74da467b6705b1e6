package io.steadystate.merge.internal;

import java.util.Arrays;

/**
 * One side of a merge, analysed: whether it is text, its byte order mark and line-ending convention,
 * and its body without the BOM (line endings still as in the input).
 */
record TextForm(byte[] raw, boolean binary, boolean bom, Eol eol) {

    private static final int NUL_SCAN_LIMIT = 8000; // git's heuristic: a NUL in the first 8000 bytes

    static TextForm of(byte[] raw) {
        boolean bom = raw.length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF;
        boolean binary = hasNul(raw) || !Utf8.isValid(raw);
        return new TextForm(raw, binary, bom, binary ? Eol.MIXED : eolOf(raw));
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
