package io.steadystate.api;

/**
 * Where a session is in its life: {@code Provisioning → Running → Terminating → Terminated}, or {@code Failed};
 * {@code Stopped} when the idle reaper stopped its processes (its data is kept, and resuming runs it again).
 */
public enum SessionState {
    PROVISIONING("Provisioning"),
    RUNNING("Running"),
    STOPPED("Stopped"),
    FAILED("Failed"),
    TERMINATING("Terminating"),
    TERMINATED("Terminated");

    private final String wireName;

    SessionState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the session has ended and holds no resources. */
    public boolean isFinal() {
        return this == FAILED || this == TERMINATED;
    }

    public static SessionState fromWire(String name) {
        for (SessionState s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown session state: " + name);
    }
}
