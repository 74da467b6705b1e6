package io.steadystate.cli.worktree;

/** The escape sequences git colours its output with (its defaults), so that both look alike. */
final class Ansi {

    static final String RESET = "\033[m";
    static final String BOLD = "\033[1m";
    static final String RED = "\033[31m";
    static final String GREEN = "\033[32m";
    static final String YELLOW = "\033[33m";
    static final String CYAN = "\033[36m";
    static final String BOLD_RED = "\033[1;31m";
    static final String RED_BACKGROUND = "\033[41m";

    private Ansi() {
    }
}
