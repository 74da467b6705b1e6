package io.steadystate.cli.sessions;

import java.util.List;
import java.util.regex.Pattern;

/** Text that a POSIX shell reads back as exactly one word, unchanged. */
public final class ShellQuote {

    /** Words made only of these characters mean the same to a shell with or without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /**
     * {@code s} in single quotes, each embedded single quote written as {@code '\''}: nothing inside single
     * quotes is special to a POSIX shell, so spaces, {@code $}, backquotes and {@code !} stay as they are.
     */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** {@code s} as it is when a shell would read it unchanged, else {@link #quote quoted}. */
    public static String quoteIfNeeded(String s) {
        return PLAIN.matcher(s).matches() ? s : quote(s);
    }

    /** An argument list as one command line a POSIX shell splits back into the same arguments. */
    public static String commandLine(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String arg : argv) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(quoteIfNeeded(arg));
        }
        return b.toString();
    }

    /** The command that joins the session of {@code magicLink}, ready to paste into a shell. */
    public static String joinCommand(String magicLink) {
        return "steadystate join " + quote(magicLink);
    }
}
