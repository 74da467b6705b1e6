package io.steadystate.cli.worktree;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/** Whether output goes to a terminal, and whether to colour it. */
final class Terminal {

    private Terminal() {
    }

    /**
     * Whether standard output (and input) is a terminal. Before Java 22 {@link System#console()} is null
     * otherwise; from 22 on it may be a console that is not a terminal, which {@code isTerminal()} (not
     * in Java 21's API, hence the reflection) tells.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Whether to colour output: only on a terminal, never when {@code NO_COLOR} is set to anything but
     * the empty string (no-color.org), nor on a {@code dumb} terminal.
     */
    static boolean colour(Map<String, String> env, boolean terminal) {
        String noColor = env.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
