package io.steadystate.api;

import java.util.Locale;

/** How people share a session. */
public enum SessionMode {
    /** Each person has a private worktree; {@code sync} merges their work. */
    COLLAB,
    /** Everyone shares one terminal session. */
    PAIR;

    /** The name on the wire and on the command line: {@code collab}, {@code pair}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionMode fromWire(String name) {
        for (SessionMode m : values()) {
            if (m.wireName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be collab or pair, not " + name);
    }
}
