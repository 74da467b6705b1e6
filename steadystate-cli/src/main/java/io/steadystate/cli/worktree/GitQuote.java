package io.steadystate.cli.worktree;

import java.nio.charset.StandardCharsets;

/** Paths quoted as git quotes them in diffs ({@code core.quotePath}, on by default). */
final class GitQuote {

    private GitQuote() {
    }

    /**
     * {@code prefix + path}, in double quotes with C escapes when it holds a control character, a double
     * quote or a backslash, or (when {@code quoteHigh}) a byte of 0x80 or above, which is written in octal.
     */
    static String quote(String prefix, String path, boolean quoteHigh) {
        byte[] bytes = (prefix + path).getBytes(StandardCharsets.UTF_8);
        boolean needed = false;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || (quoteHigh && c >= 0x80)) {
                needed = true;
                break;
            }
        }
        if (!needed) {
            return prefix + path;
        }
        StringBuilder s = new StringBuilder("\"");
        int i = 0;
        while (i < bytes.length) {
            int c = bytes[i] & 0xff;
            if (c >= 0x80 && !quoteHigh) {
                // Keep a whole UTF-8 sequence as its character.
                int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                int end = Math.min(bytes.length, i + len);
                s.append(new String(bytes, i, end - i, StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            switch (c) {
                case 0x07 -> s.append("\\a");
                case '\b' -> s.append("\\b");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case 0x0b -> s.append("\\v");
                case '\f' -> s.append("\\f");
                case '\r' -> s.append("\\r");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        s.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    } else {
                        s.append((char) c);
                    }
                }
            }
            i++;
        }
        return s.append('"').toString();
    }
}
