package io.steadystate.compute.local.internal;

/** Quoting for the few shell files the provider writes itself (never with user input). */
final class Shell {

    private Shell() {
    }

    /** {@code s} in single quotes, with embedded single quotes escaped. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
