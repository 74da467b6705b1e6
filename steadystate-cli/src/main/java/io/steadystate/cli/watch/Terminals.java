package io.steadystate.cli.watch;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether this process talks to a person at a terminal. */
final class Terminals {

    private Terminals() {
    }

    /**
     * True when standard input and output are a terminal. Since JDK 22 {@link System#console()} may return a
     * console for redirected streams too; its {@code isTerminal()} (looked up reflectively, as this code is
     * compiled for 21) then says whether it is a real one.
     */
    static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(c));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
