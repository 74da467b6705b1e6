package io.steadystate.cli.watch;

import io.steadystate.cli.sessions.Text;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The dashboard as a pure function: a model, a clock reading and the keys' state in, the rows of a screen of a
 * given size out. Everything that comes from a log passes through {@link Text#printable}, so a file name
 * cannot move the cursor.
 */
final class Screen {

    /** Width or height that does not limit the rendering (plain output to a file or a pipe). */
    static final int UNLIMITED = Integer.MAX_VALUE;
    /** Events of each log in a rendering of unlimited height. */
    static final int PLAIN_EVENTS = 20;
    static final String KEYS = "s sync  d diff  c credit  q quit";
    private static final int USER_WIDTH = 16;
    private static final int SECTION_OVERHEAD = 5; // three headings, two blank lines between the sections

    /**
     * What to draw.
     *
     * @param model the session
     * @param now   the time that relative times are measured from
     * @param zone  the time zone of clock times
     * @param ui    the keys' state, or null for a plain rendering without the key line
     */
    record View(SessionModel model, Instant now, ZoneId zone, Ui.State ui) {
    }

    private Screen() {
    }

    /**
     * The rows of the screen. With a limited height, the result has exactly {@code height} rows, the key line
     * last, and each section shows as many of its most recent entries as fit; every row is cut to {@code width}.
     */
    static List<Line> render(View view, int width, int height) {
        SessionModel m = view.model();
        List<Line> rows = new ArrayList<>(header(m.session()));
        rows.add(Line.plain(""));
        Line footer = view.ui() == null ? null : footer(view.ui());
        int room = height == UNLIMITED ? UNLIMITED : height - rows.size() - (footer == null ? 0 : 1);

        List<Presence> people = m.connected();
        List<SyncEvent> syncs = m.syncs().reversed();
        List<ActivityEvent> activity = m.activity().reversed();
        int peopleRows;
        int syncRows;
        int activityRows;
        if (room == UNLIMITED) {
            peopleRows = Math.max(1, people.size());
            syncRows = Math.min(PLAIN_EVENTS, Math.max(1, syncs.size()));
            activityRows = Math.min(PLAIN_EVENTS, Math.max(1, activity.size()));
        } else {
            int rowsLeft = Math.max(3, room - SECTION_OVERHEAD);
            peopleRows = Math.clamp(people.size(), 1, Math.max(1, rowsLeft / 3));
            int rest = Math.max(2, rowsLeft - peopleRows);
            syncRows = Math.clamp(syncs.size(), 1, Math.max(1, rest / 2));
            activityRows = Math.max(1, rest - syncRows);
            if (activity.size() < activityRows) {
                // activity does not need its share: give the rest to the syncs
                syncRows = Math.clamp(syncs.size(), 1, Math.max(1, rest - Math.max(1, activity.size())));
            }
        }

        rows.add(new Line("Connected (" + people.size() + ")", Line.Style.HEADING));
        rows.addAll(people(people, peopleRows, view));
        rows.add(Line.plain(""));
        rows.add(new Line("Recent syncs" + note(m.syncLogMissing(), SessionFeed.SYNC_LOG, m.unreadableSyncs()),
                Line.Style.HEADING));
        rows.addAll(events(syncs, syncRows, view, SyncEvent::time, SyncEvent::user, Screen::describe,
                m.syncLogMissing() ? "no sync-log in the session folder" : "no syncs yet"));
        rows.add(Line.plain(""));
        rows.add(new Line("Recent activity" + note(m.activityLogMissing(), SessionFeed.ACTIVITY_LOG,
                m.unreadableActivity()), Line.Style.HEADING));
        rows.addAll(events(activity, activityRows, view, ActivityEvent::time, ActivityEvent::user, Screen::describe,
                m.activityLogMissing() ? "no activity-log in the session folder" : "no activity yet"));

        if (height != UNLIMITED) {
            int body = Math.max(0, height - (footer == null ? 0 : 1));
            while (rows.size() > body) {
                rows.removeLast();
            }
            while (rows.size() < body) {
                rows.add(Line.plain(""));
            }
        }
        if (footer != null && height > 0) {
            rows.add(footer);
        }
        List<Line> out = new ArrayList<>(rows.size());
        for (Line l : rows) {
            out.add(new Line(fit(l.text(), width), l.style()));
        }
        return out;
    }

    /** The rows as plain text, one line each. */
    static String plainText(List<Line> lines) {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(l.text().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static List<Line> header(SessionInfo s) {
        List<Line> rows = new ArrayList<>();
        rows.add(new Line("SteadyState session " + Text.printable(s.id())
                + (s.branch() == null ? "" : " on " + Text.printable(s.branch())), Line.Style.TITLE));
        if (s.magicLink() == null) {
            rows.add(Line.plain("Link: (none yet)"));
        } else {
            rows.add(Line.plain("Link: " + Text.printable(s.magicLink())));
            rows.add(Line.plain("Join: " + Text.printable(s.joinCommand())));
        }
        return rows;
    }

    private static Line footer(Ui.State ui) {
        if (ui.prompting()) {
            return new Line("credit which file? " + Text.printable(ui.input()) + "_   (Enter runs it, Esc cancels)",
                    Line.Style.STATUS);
        }
        return new Line(KEYS + (ui.status() == null ? "" : "  |  " + Text.printable(ui.status())), Line.Style.STATUS);
    }

    private static String note(boolean missing, String log, int unreadable) {
        if (missing) {
            return " (" + log + " missing)";
        }
        return unreadable == 0 ? "" : " (" + unreadable + " unreadable line" + (unreadable == 1 ? "" : "s")
                + " skipped)";
    }

    private static List<Line> people(List<Presence> people, int max, View view) {
        if (people.isEmpty()) {
            return List.of(new Line("  nobody is connected", Line.Style.DIM));
        }
        boolean cut = people.size() > max;
        List<Presence> shown = people.subList(0, cut ? Math.max(0, max - 1) : people.size());
        int w = userWidth(shown.stream().map(Presence::user).toList());
        List<Line> rows = new ArrayList<>();
        for (Presence p : shown) {
            rows.add(Line.plain("  " + pad(user(p.user()), w) + "  since "
                    + RelativeTime.format(p.since(), view.now(), view.zone())
                    + (p.connections() > 1 ? ", " + p.connections() + " connections" : "")));
        }
        if (cut) {
            rows.add(new Line("  and " + (people.size() - shown.size()) + " more", Line.Style.DIM));
        }
        return rows;
    }

    private static <E> List<Line> events(List<E> newestFirst, int max, View view, Function<E, Instant> time,
                                         Function<E, String> user, Function<E, String> what, String none) {
        if (newestFirst.isEmpty()) {
            return List.of(new Line("  " + none, Line.Style.DIM));
        }
        List<E> shown = newestFirst.subList(0, Math.min(max, newestFirst.size()));
        List<String> times = shown.stream().map(e -> RelativeTime.format(time.apply(e), view.now(), view.zone())).toList();
        int tw = times.stream().mapToInt(String::length).max().orElse(0);
        int uw = userWidth(shown.stream().map(user).toList());
        List<Line> rows = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            E e = shown.get(i);
            rows.add(Line.plain("  " + pad(times.get(i), tw) + "  " + pad(user(user.apply(e)), uw) + "  "
                    + what.apply(e)));
        }
        return rows;
    }

    static String describe(SyncEvent e) {
        return switch (e.event()) {
            case "sync" -> {
                StringBuilder b = new StringBuilder("synced");
                if (e.commit() != null) {
                    b.append(' ').append(shortId(e.commit()));
                }
                List<String> counts = new ArrayList<>();
                if (e.pushed() != null) {
                    counts.add(e.pushed() + " pushed");
                }
                if (e.pulled() != null) {
                    counts.add(e.pulled() + " pulled");
                }
                if (!e.conflicts().isEmpty()) {
                    counts.add(e.conflicts().size() + (e.conflicts().size() == 1 ? " conflict: " : " conflicts: ")
                            + String.join(" ", e.conflicts().stream().map(Text::printable).toList()));
                }
                if (!counts.isEmpty()) {
                    b.append(": ").append(String.join(", ", counts));
                }
                yield b.toString();
            }
            case "publish" -> "published" + (e.commit() == null ? "" : " " + shortId(e.commit()))
                    + (e.branch() == null ? "" : " to " + Text.printable(e.branch()))
                    + (e.remote() == null ? "" : " on " + Text.printable(e.remote()));
            case "publish-failed" -> "publish failed" + (e.reason() == null ? "" : ": " + Text.printable(e.reason()));
            default -> Text.printable(e.event()) + (e.commit() == null ? "" : " " + shortId(e.commit()));
        };
    }

    static String describe(ActivityEvent e) {
        return Text.printable(e.event()) + (e.details() == null || e.details().isBlank() ? ""
                : " " + Text.printable(e.details()));
    }

    private static String shortId(String commit) {
        String c = Text.printable(commit);
        return c.length() > 7 ? c.substring(0, 7) : c;
    }

    private static String user(String login) {
        return login == null ? "-" : fit(Text.printable(login), USER_WIDTH);
    }

    private static int userWidth(List<String> logins) {
        return logins.stream().mapToInt(l -> user(l).codePointCount(0, user(l).length())).max().orElse(1);
    }

    private static String pad(String s, int width) {
        int n = s.codePointCount(0, s.length());
        return n >= width ? s : s + " ".repeat(width - n);
    }

    /** {@code s} cut to {@code width} characters, its last one then an ellipsis. */
    static String fit(String s, int width) {
        if (width == UNLIMITED) {
            return s;
        }
        if (width <= 0) {
            return "";
        }
        int n = s.codePointCount(0, s.length());
        if (n <= width) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "\u2026";
    }
}
