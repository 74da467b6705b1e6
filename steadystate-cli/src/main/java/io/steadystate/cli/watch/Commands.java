package io.steadystate.cli.watch;

import java.util.List;
import java.util.Objects;

/** Runs {@code steadystate <args>} for the dashboard's keys; the real one is {@link LauncherCommands}. */
interface Commands {

    /** How a command went. */
    sealed interface Outcome {
        /** It ran and ended with {@code exit}; {@code output} is the end of what it printed (captured runs only). */
        record Ran(int exit, String output) implements Outcome {
            public Ran {
                Objects.requireNonNull(output, "output");
            }
        }

        /** It could not be started; {@code why} says why, for people. */
        record NotRun(String why) implements Outcome {
            public NotRun {
                Objects.requireNonNull(why, "why");
            }
        }
    }

    /** Runs it with its output captured, with no input, to its end. */
    Outcome capture(List<String> args);

    /** Runs it on this terminal (input, output and error) to its end. */
    Outcome onTerminal(List<String> args);

    /**
     * One line for the status line: what ran, its exit code and the line of its output that says most (its last
     * {@code error:} line, else its last line).
     */
    static String summary(String what, Outcome outcome) {
        return switch (outcome) {
            case Outcome.NotRun n -> what + ": " + n.why();
            case Outcome.Ran r -> {
                String last = lastLine(r.output());
                yield what + " (exit " + r.exit() + ")" + (last.isEmpty() ? "" : ": " + last);
            }
        };
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("error:")).toList();
        String pick = !errors.isEmpty() ? errors.getLast() : lines.isEmpty() ? "" : lines.getLast();
        return io.steadystate.cli.sessions.Text.printable(pick);
    }
}
