package io.steadystate.cli.watch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The live loop with a scripted terminal and recorded commands. */
@Timeout(30)
class LiveDashboardTest {

    @TempDir
    Path dir;

    /** A terminal that types the given bursts, one per read, and records what happens to it. */
    static final class ScriptedTty implements Tty {
        final Deque<Object> script = new ArrayDeque<>();
        final List<String> events = new ArrayList<>();
        final StringBuilder screen = new StringBuilder();
        Size size = new Size(80, 20);

        ScriptedTty then(String typed) {
            script.add(typed);
            return this;
        }

        /** Types nothing, running {@code r} instead. */
        ScriptedTty then(Runnable r) {
            script.add(r);
            return this;
        }

        @Override
        public Size size() {
            return size;
        }

        @Override
        public void enter() {
            events.add("enter");
        }

        @Override
        public void leave() {
            events.add("leave");
        }

        @Override
        public byte[] read(Duration wait) {
            Object next = script.poll();
            if (next instanceof Runnable r) {
                r.run();
                return new byte[0];
            }
            if (next == null) {
                throw new AssertionError("the dashboard kept reading after the script ended; events: " + events);
            }
            return ((String) next).getBytes(UTF_8);
        }

        @Override
        public void awaitKey() {
            events.add("await key");
        }

        @Override
        public void write(String text) {
            screen.append(text);
            if (!text.startsWith("\u001b")) {
                events.add("write " + text.strip());
            }
        }
    }

    /** Commands that record their arguments and answer as told. */
    static final class RecordedCommands implements Commands {
        final List<String> calls = new ArrayList<>();
        Outcome syncOutcome = new Outcome.Ran(0, "Synced: 2 pushed, 1 pulled\n");
        Outcome terminalOutcome = new Outcome.Ran(0, "");

        @Override
        public Outcome capture(List<String> args) {
            calls.add("capture " + String.join(" ", args));
            return syncOutcome;
        }

        @Override
        public Outcome onTerminal(List<String> args) {
            calls.add("terminal " + String.join(" ", args));
            return terminalOutcome;
        }
    }

    private SessionFeed feed() throws IOException {
        Files.writeString(dir.resolve("activity-log"),
                Logs.activity("2025-03-14T11:55:00Z", "alice", "connect", "from /127.0.0.1:5555") + "\n");
        Files.writeString(dir.resolve("sync-log"), "");
        return new SessionFeed(dir, Logs.INFO);
    }

    /** Background work, run only when a test says so. */
    private final List<Runnable> background = new ArrayList<>();

    private void runBackgroundWork() {
        List<Runnable> work = List.copyOf(background);
        background.clear();
        work.forEach(Runnable::run);
    }

    private LiveDashboard dashboard(Tty tty, SessionFeed feed, Commands commands) {
        return new LiveDashboard(tty, feed, commands, Clock.fixed(Instant.parse("2025-03-14T12:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC, background::add);
    }

    @Test
    void drawsTheSessionAndQuitsOnQRestoringTheTerminal() throws IOException {
        ScriptedTty tty = new ScriptedTty().then("").then("q");
        RecordedCommands commands = new RecordedCommands();
        assertThat(dashboard(tty, feed(), commands).run()).isZero();
        assertThat(tty.events).containsExactly("enter", "leave");
        assertThat(tty.screen.toString())
                .contains("\u001b[1;1H\u001b[1;7mSteadyState session abcdefgh12345678")
                .contains("\u001b[6;1H  alice  since 5 min ago\u001b[0m\u001b[K")
                .contains("\u001b[20;1H\u001b[7ms sync  d diff  c credit  q quit");
        assertThat(commands.calls).isEmpty();
    }

    @Test
    void sRunsSyncInTheBackgroundAndShowsHowItEnded() throws IOException {
        RecordedCommands commands = new RecordedCommands();
        ScriptedTty tty = new ScriptedTty().then("s").then("s").then(this::runBackgroundWork).then("q");
        dashboard(tty, feed(), commands).run();
        assertThat(commands.calls).containsExactly("capture sync");
        assertThat(tty.screen.toString()).contains("s sync  d diff  c credit  q quit  |  syncing...")
                .contains("s sync  d diff  c credit  q quit  |  a sync is already running")
                .contains("s sync  d diff  c credit  q quit  |  sync (exit 0): Synced: 2 pushed, 1 pulled");
    }

    @Test
    void aSyncThatCannotRunSaysWhy() throws IOException {
        RecordedCommands commands = new RecordedCommands();
        commands.syncOutcome = new Commands.Outcome.NotRun("the steadystate command was not found");
        ScriptedTty tty = new ScriptedTty().then("s").then(this::runBackgroundWork).then("q");
        dashboard(tty, feed(), commands).run();
        assertThat(tty.screen.toString()).contains("|  sync: the steadystate command was not found");
    }

    @Test
    void dLeavesTheScreenForTheDiffAndComesBackAfterAKey() throws IOException {
        RecordedCommands commands = new RecordedCommands();
        commands.terminalOutcome = new Commands.Outcome.Ran(1, "");
        ScriptedTty tty = new ScriptedTty().then("d").then("q");
        dashboard(tty, feed(), commands).run();
        assertThat(commands.calls).containsExactly("terminal diff");
        assertThat(tty.events).containsExactly("enter", "leave",
                "write diff (exit 1) - press any key to return to the dashboard", "await key", "enter", "leave");
        assertThat(tty.screen.toString()).contains("|  diff (exit 1)");
    }

    @Test
    void cAsksForAFileAndShowsItsCredit() throws IOException {
        RecordedCommands commands = new RecordedCommands();
        ScriptedTty tty = new ScriptedTty().then("c").then("src/App.java").then("\r").then("c").then("-x\r").then("q");
        dashboard(tty, feed(), commands).run();
        assertThat(commands.calls).containsExactly("terminal credit src/App.java", "terminal credit -- -x");
        assertThat(tty.screen.toString()).contains("credit which file? src/App.java_");
    }

    @Test
    void linesAppendedToTheLogsAppearWithoutAKey() throws IOException {
        SessionFeed feed = feed();
        ScriptedTty tty = new ScriptedTty().then(() -> {
            try {
                Files.writeString(dir.resolve("activity-log"),
                        Logs.activity("2025-03-14T11:59:59Z", "bob", "connect", "from b") + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
                Thread.sleep(LiveDashboard.POLL.toMillis() + 100);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }).then("q");
        dashboard(tty, feed, new RecordedCommands()).run();
        assertThat(tty.screen.toString()).contains("Connected (2)").contains("bob    since just now");
    }

    @Test
    void onlyChangedRowsAreWrittenAndAResizeRedrawsEverything() {
        List<Line> before = List.of(Line.plain("a"), Line.plain("b"), Line.plain("c"));
        List<Line> after = List.of(Line.plain("a"), Line.plain("B"));
        assertThat(LiveDashboard.draw(after, before, 10, false))
                .isEqualTo("\u001b[2;1HB\u001b[0m\u001b[K\u001b[3;1H\u001b[K");
        assertThat(LiveDashboard.draw(List.of(new Line("t", Line.Style.STATUS)), before, 4, true))
                .isEqualTo("\u001b[2J\u001b[1;1H\u001b[7mt   \u001b[0m\u001b[K\u001b[2;1H\u001b[K\u001b[3;1H\u001b[K");
    }

    @Test
    void theTerminalIsRestoredWhenTheLoopFails() throws IOException {
        ScriptedTty tty = new ScriptedTty(); // reading fails at once
        try {
            dashboard(tty, feed(), new RecordedCommands()).run();
        } catch (AssertionError expected) {
            // the scripted terminal's complaint
        }
        assertThat(tty.events).containsExactly("enter", "leave");
    }
}
