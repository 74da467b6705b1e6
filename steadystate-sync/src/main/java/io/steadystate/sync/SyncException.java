package io.steadystate.sync;

/** A sync that could not run or could not finish; the message says why and what to do, for people. */
public class SyncException extends Exception {

    private static final long serialVersionUID = 1L;

    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
