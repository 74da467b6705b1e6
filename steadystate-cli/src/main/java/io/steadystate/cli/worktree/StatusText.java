package io.steadystate.cli.worktree;

import java.util.function.UnaryOperator;

/** {@code steadystate status} for people. */
public final class StatusText {

    private static final int LABEL_WIDTH = 14;

    private StatusText() {
    }

    /**
     * The report; paths are shown through {@code display} (relative to the current folder), coloured
     * when {@code colour}.
     */
    static String format(Status s, UnaryOperator<String> display, boolean colour) {
        StringBuilder b = new StringBuilder();
        String session = s.state().sessionId() == null ? "" : " " + s.state().sessionId();
        b.append("Session").append(session).append(", branch ").append(s.state().branch());
        if (s.state().user() != null) {
            b.append(", worktree of ").append(s.state().user());
        }
        b.append('\n').append(movement(s)).append('\n');
        if (s.state().pending() != null) {
            b.append("A sync stopped while it updated this worktree; run 'steadystate sync' to finish it.\n");
        }
        if (!s.changes().isEmpty()) {
            b.append("\nChanges not synced yet:\n");
            for (Change c : s.changes()) {
                line(b, c.kind().label(), display.apply(c.path()), colour ? colour(c.kind()) : null);
            }
        }
        if (!s.conflicts().isEmpty()) {
            b.append("\nUnresolved conflicts (edit out the conflict markers, then sync):\n");
            for (String path : s.conflicts()) {
                line(b, "conflict:", display.apply(path), colour ? Ansi.BOLD_RED : null);
            }
        }
        b.append('\n');
        if (s.clean()) {
            b.append("Nothing to sync: the worktree matches your last sync.\n");
        } else if (s.changes().isEmpty()) {
            b.append("Resolve the conflicts, then run 'steadystate sync'.\n");
        } else {
            b.append("Run 'steadystate diff' to see the changes, 'steadystate sync' to share them.\n");
        }
        return b.toString();
    }

    private static String movement(Status s) {
        Incoming in = s.incoming();
        String last = s.state().lastSyncedCommit().substring(0, 7);
        if (in.head() == null) {
            return "The session branch is missing from the canonical repository (last synced at " + last + ").";
        }
        int n = in.files().size();
        String files = n + (n == 1 ? " file" : " files");
        if (in.commits() == 0) {
            return n == 0 ? "Up to date with the session branch (last synced at " + last + ")."
                    : "Last synced at " + last + "; a sync would bring in " + files + " it left for later.";
        }
        String ahead = "The session branch is " + in.commits() + (in.commits() == 1 ? " commit" : " commits")
                + " ahead of your last sync (" + last + ")";
        return n == 0 ? ahead + ", with nothing a sync would bring in." : ahead + ": a sync would bring in " + files + ".";
    }

    private static void line(StringBuilder b, String label, String path, String colour) {
        b.append('\t');
        if (colour != null) {
            b.append(colour);
        }
        b.append(label).append(" ".repeat(Math.max(1, LABEL_WIDTH - label.length()))).append(quote(path));
        if (colour != null) {
            b.append(Ansi.RESET);
        }
        b.append('\n');
    }

    private static String colour(ChangeKind kind) {
        return switch (kind) {
            case ADDED -> Ansi.GREEN;
            case DELETED -> Ansi.RED;
            case MODIFIED, MODE_CHANGED, TYPE_CHANGED -> Ansi.YELLOW;
        };
    }

    /** A path with control characters, quotes or backslashes is quoted, so that each stays on one line. */
    public static String quote(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                return GitQuote.quote("", path, false);
            }
        }
        return path;
    }
}
