package io.steadystate.compute.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command of an SSH exec request, split on spaces without a shell. Only
 * {@code steadystate <words...>} is accepted; words are plain (letters, digits and {@code ._,:=@%+/-}),
 * so quoting, variables, globs, redirections and command separators are refused, never interpreted.
 */
final class CommandLine {

    static final String PROGRAM = "steadystate";

    private CommandLine() {
    }

    /** The arguments after {@code steadystate}, or empty when the command is not acceptable. */
    static Optional<List<String>> steadystateArgs(String command) {
        if (command == null) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        for (String w : command.split("[ \t]+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (!plain(w)) {
                return Optional.empty();
            }
            words.add(w);
        }
        if (words.isEmpty() || !words.get(0).equals(PROGRAM)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(words.subList(1, words.size())));
    }

    private static boolean plain(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "._,:=@%+/-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
