package io.steadystate.cli.watch;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The interactive dashboard: follows the logs, redraws what changed, and acts on keys through {@link Ui}. The
 * terminal, the commands and the clock are passed in, so the loop runs in tests with scripted keys.
 */
final class LiveDashboard {

    /** How often the logs are looked at. */
    static final Duration POLL = Duration.ofMillis(500);
    /** How often the terminal size is asked for (it costs a process) and relative times move on. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** The longest wait for a key between two looks at the rest. */
    static final Duration KEY_WAIT = Duration.ofMillis(100);

    private static final String RESET = "\u001b[0m";
    private static final String ERASE_LINE = "\u001b[K";

    private final Tty tty;
    private final SessionFeed feed;
    private final Commands commands;
    private final Clock clock;
    private final ZoneId zone;
    private final Executor background;

    LiveDashboard(Tty tty, SessionFeed feed, Commands commands, Clock clock, ZoneId zone, Executor background) {
        this.tty = tty;
        this.feed = feed;
        this.commands = commands;
        this.clock = clock;
        this.zone = zone;
        this.background = background;
    }

    /** Runs until {@code q} or Esc; the terminal is restored however it ends. Returns the exit code, 0. */
    int run() {
        Ui.State ui = Ui.State.INITIAL;
        List<Line> shown = List.of();
        Tty.Size size = null;
        CompletableFuture<Commands.Outcome> sync = null;
        long nextPoll = 0;
        long nextTick = 0;
        boolean full = true;
        tty.enter();
        try {
            while (true) {
                long t = System.nanoTime();
                if (t - nextPoll >= 0) {
                    ui = poll(ui);
                    nextPoll = t + POLL.toNanos();
                }
                if (t - nextTick >= 0) {
                    Tty.Size s = tty.size();
                    if (!s.equals(size)) {
                        size = s;
                        full = true;
                    }
                    nextTick = t + TICK.toNanos();
                }
                if (sync != null && sync.isDone()) {
                    ui = ui.syncEnded(Commands.summary("sync", sync.join()));
                    sync = null;
                }
                List<Line> frame = Screen.render(new Screen.View(feed.model(), clock.instant(), zone, ui),
                        size.columns(), size.rows());
                String changes = draw(frame, full ? List.of() : shown, size.columns(), full);
                if (!changes.isEmpty()) {
                    tty.write(changes);
                }
                shown = frame;
                full = false;

                for (Key key : KeyDecoder.decode(tty.read(KEY_WAIT))) {
                    Ui.Step step = Ui.next(ui, key);
                    ui = step.state();
                    switch (step.action()) {
                        case Ui.Action.Quit q -> {
                            return 0;
                        }
                        case Ui.Action.Redraw r -> full = true;
                        case Ui.Action.Sync s -> sync = CompletableFuture.supplyAsync(
                                () -> commands.capture(List.of("sync")), background);
                        case Ui.Action.Diff d -> {
                            ui = ui.withStatus(onTerminal("diff", List.of("diff")));
                            full = true;
                        }
                        case Ui.Action.Credit c -> {
                            // A name that starts with '-' must not be read as an option.
                            List<String> args = c.file().startsWith("-") ? List.of("credit", "--", c.file())
                                    : List.of("credit", c.file());
                            ui = ui.withStatus(onTerminal("credit " + c.file(), args));
                            full = true;
                        }
                        case Ui.Action.None n -> {
                            // the next frame shows the new state
                        }
                    }
                }
            }
        } finally {
            tty.leave();
        }
    }

    private Ui.State poll(Ui.State ui) {
        try {
            feed.poll();
            return ui;
        } catch (UncheckedIOException e) {
            return ui.withStatus(e.getMessage());
        }
    }

    /** Leaves the dashboard's screen, runs the command on the terminal, waits for a key, and comes back. */
    private String onTerminal(String what, List<String> args) {
        tty.leave();
        Commands.Outcome outcome = commands.onTerminal(args);
        String summary = Commands.summary(what, outcome);
        tty.write("\n" + summary + " - press any key to return to the dashboard");
        tty.awaitKey();
        tty.enter();
        return summary;
    }

    /**
     * The escape sequences that turn the screen showing {@code before} into {@code after}: only the rows that
     * changed are written, each cleared to its end; {@code full} clears the screen first.
     */
    static String draw(List<Line> after, List<Line> before, int columns, boolean full) {
        StringBuilder b = new StringBuilder();
        if (full) {
            b.append(DevTty.CLEAR);
        }
        for (int i = 0; i < after.size(); i++) {
            Line l = after.get(i);
            if (!full && i < before.size() && before.get(i).equals(l)) {
                continue;
            }
            b.append("\u001b[").append(i + 1).append(";1H").append(style(l.style()));
            String text = l.text();
            if (l.style() == Line.Style.TITLE || l.style() == Line.Style.STATUS) {
                // a bar across the whole width
                int n = text.codePointCount(0, text.length());
                text = n < columns ? text + " ".repeat(columns - n) : text;
            }
            b.append(text).append(RESET).append(ERASE_LINE);
        }
        for (int i = after.size(); i < before.size(); i++) {
            b.append("\u001b[").append(i + 1).append(";1H").append(ERASE_LINE);
        }
        return b.toString();
    }

    private static String style(Line.Style s) {
        return switch (s) {
            case PLAIN -> "";
            case TITLE -> "\u001b[1;7m";
            case HEADING -> "\u001b[1m";
            case DIM -> "\u001b[2m";
            case STATUS -> "\u001b[7m";
        };
    }
}
