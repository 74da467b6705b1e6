package io.steadystate.cli.worktree;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code steadystate credit}'s lines: short commit, author, date, line number and text, in aligned
 * columns; a line not synced yet says so in place of the first three.
 */
final class CreditText {

    private static final String NOT_SYNCED = "not synced";
    private static final int MAX_AUTHOR = 20;

    private CreditText() {
    }

    static void write(List<Credit> lines, OutputStream out, boolean colour) throws IOException {
        int commitWidth = 7;
        int authorWidth = 0;
        for (Credit c : lines) {
            if (c.synced()) {
                commitWidth = Math.max(commitWidth, c.commit().length());
                authorWidth = Math.max(authorWidth, Math.min(MAX_AUTHOR, c.author().length()));
            }
        }
        int numberWidth = String.valueOf(lines.size()).length();
        int sourceWidth = commitWidth + 2 + authorWidth + 2 + 10;
        for (Credit c : lines) {
            StringBuilder b = new StringBuilder();
            if (c.synced()) {
                b.append(colour ? Ansi.YELLOW + c.commit() + Ansi.RESET : c.commit())
                        .append(" ".repeat(commitWidth - c.commit().length() + 2))
                        .append(pad(author(c.author()), authorWidth)).append("  ").append(c.date());
            } else {
                b.append(colour ? Ansi.GREEN + NOT_SYNCED + Ansi.RESET : NOT_SYNCED)
                        .append(" ".repeat(Math.max(0, sourceWidth - NOT_SYNCED.length())));
            }
            String number = String.valueOf(c.number());
            b.append("  ").append(" ".repeat(numberWidth - number.length())).append(number).append("  ");
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.write(c.text());
            out.write('\n');
        }
    }

    private static String author(String a) {
        return a.length() <= MAX_AUTHOR ? a : a.substring(0, MAX_AUTHOR - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
