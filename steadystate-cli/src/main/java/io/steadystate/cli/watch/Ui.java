package io.steadystate.cli.watch;

import java.util.Objects;

/**
 * The dashboard's keys as a state machine: {@link #next} takes the state and a key and returns the next state
 * and what the dashboard must do. It runs nothing itself, so every path is testable without a terminal.
 */
final class Ui {

    /** Longest file name the prompt takes. */
    static final int MAX_INPUT = 4096;

    private Ui() {
    }

    /**
     * What the keys left behind.
     *
     * @param prompting   the file name prompt of {@code c} is open
     * @param input       what was typed into the prompt so far
     * @param status      the last message for the status line, or null
     * @param syncRunning a {@code steadystate sync} started by {@code s} has not ended yet
     */
    record State(boolean prompting, String input, String status, boolean syncRunning) {
        State {
            Objects.requireNonNull(input, "input");
        }

        static final State INITIAL = new State(false, "", null, false);

        State withStatus(String message) {
            return new State(prompting, input, message, syncRunning);
        }

        /** The state once a sync ended, with its summary as the status. */
        State syncEnded(String summary) {
            return new State(prompting, input, summary, false);
        }
    }

    /** What the dashboard does after a key. */
    sealed interface Action {
        /** Only draw the new state. */
        record None() implements Action {
        }

        /** Leave the dashboard. */
        record Quit() implements Action {
        }

        /** Draw the whole screen again. */
        record Redraw() implements Action {
        }

        /** Run {@code steadystate sync} in the background. */
        record Sync() implements Action {
        }

        /** Show {@code steadystate diff} on the terminal. */
        record Diff() implements Action {
        }

        /** Show {@code steadystate credit FILE} on the terminal. */
        record Credit(String file) implements Action {
            public Credit {
                Objects.requireNonNull(file, "file");
            }
        }
    }

    record Step(State state, Action action) {
    }

    static Step next(State s, Key key) {
        return s.prompting() ? prompt(s, key) : normal(s, key);
    }

    private static Step normal(State s, Key key) {
        if (key instanceof Key.Char c) {
            switch (Character.toLowerCase(c.codePoint())) {
                case 's' -> {
                    if (s.syncRunning()) {
                        return new Step(s.withStatus("a sync is already running"), new Action.None());
                    }
                    return new Step(new State(false, "", "syncing...", true), new Action.Sync());
                }
                case 'd' -> {
                    return new Step(s, new Action.Diff());
                }
                case 'c' -> {
                    return new Step(new State(true, "", s.status(), s.syncRunning()), new Action.None());
                }
                case 'q' -> {
                    return new Step(s, new Action.Quit());
                }
                default -> {
                    return new Step(s, new Action.None());
                }
            }
        }
        return switch (key) {
            case Key.Escape e -> new Step(s, new Action.Quit());
            case Key.Interrupt i -> new Step(s, new Action.Quit());
            case Key.Redraw r -> new Step(s, new Action.Redraw());
            default -> new Step(s, new Action.None());
        };
    }

    private static Step prompt(State s, Key key) {
        return switch (key) {
            case Key.Char c -> new Step(s.input().length() >= MAX_INPUT ? s
                    : new State(true, s.input() + Character.toString(c.codePoint()), s.status(), s.syncRunning()),
                    new Action.None());
            case Key.Backspace b -> new Step(new State(true, dropLast(s.input()), s.status(), s.syncRunning()),
                    new Action.None());
            case Key.Enter e -> {
                String file = s.input().strip();
                if (file.isEmpty()) {
                    yield new Step(new State(false, "", "no file given", s.syncRunning()), new Action.None());
                }
                yield new Step(new State(false, "", s.status(), s.syncRunning()), new Action.Credit(file));
            }
            case Key.Escape e -> new Step(new State(false, "", s.status(), s.syncRunning()), new Action.None());
            case Key.Interrupt i -> new Step(new State(false, "", s.status(), s.syncRunning()), new Action.None());
            case Key.Redraw r -> new Step(s, new Action.Redraw());
            default -> new Step(s, new Action.None());
        };
    }

    private static String dropLast(String s) {
        return s.isEmpty() ? s : s.substring(0, s.offsetByCodePoints(s.length(), -1));
    }
}
