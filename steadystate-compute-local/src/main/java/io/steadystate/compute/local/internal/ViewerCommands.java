package io.steadystate.compute.local.internal;

import java.util.List;
import java.util.Set;

/**
 * What a viewer may run over SSH: commands that only read. Decided here, by the side that knows who
 * is a viewer, never by the command itself.
 */
final class ViewerCommands {

    /** The subcommands a viewer may run, for messages. */
    static final List<String> NAMES = List.of("watch", "status", "diff", "credit", "whoami");
    private static final Set<String> READ_ONLY = Set.copyOf(NAMES);
    private static final Set<String> INFO = Set.of("--version", "-V", "--help", "-h", "help");

    private ViewerCommands() {
    }

    /** Whether {@code args} (the words after {@code steadystate}) only read. */
    static boolean allowed(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        String first = args.getFirst();
        return READ_ONLY.contains(first) || INFO.contains(first) && args.size() == 1;
    }
}
