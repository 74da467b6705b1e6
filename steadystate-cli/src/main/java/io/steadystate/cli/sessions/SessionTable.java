package io.steadystate.cli.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code steadystate sessions} for people: one aligned row per session, oldest first. */
public final class SessionTable {

    static final List<String> HEADER = List.of("ID", "STATE", "MODE", "REPO", "CREATOR", "AGE");
    /** Longer repositories keep their end, which names them. */
    static final int REPO_WIDTH = 48;

    private SessionTable() {
    }

    /** Oldest first; sessions without a readable creation time last, then by id. */
    public static List<SessionView> sorted(List<SessionView> sessions) {
        List<SessionView> copy = new ArrayList<>(sessions);
        copy.sort(Comparator.comparing((SessionView s) -> s.created().orElse(Instant.MAX))
                .thenComparing(s -> s.id() == null ? "" : s.id()));
        return copy;
    }

    /** The table, header first, columns two spaces apart, no trailing blanks; every line ends with a new line. */
    public static String format(List<SessionView> sessions, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (SessionView s : sorted(sessions)) {
            rows.add(List.of(Text.printable(s.id()), Text.printable(s.state()), Text.printable(s.mode()),
                    shorten(Text.printable(s.repoUrl()), REPO_WIDTH), Text.printable(s.creator()),
                    s.created().map(c -> age(Duration.between(c, now))).orElse("-")));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - width(cell) + 2));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /**
     * How long ago, for people: {@code 42s}, {@code 5m}, {@code 2h 5m}, {@code 3d 4h}. A negative duration (the
     * server's clock ahead of this one) counts as {@code 0s}.
     */
    public static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 24) {
            return h + "h " + (m % 60) + "m";
        }
        return (h / 24) + "d " + (h % 24) + "h";
    }

    static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int start = s.offsetByCodePoints(s.length(), -(max - 3));
        return "..." + s.substring(start);
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
