package io.steadystate.api.spi;

/** A compute provider could not do what was asked; the message is meant for people. */
public class ComputeException extends Exception {

    private static final long serialVersionUID = 1L;

    public ComputeException(String message) {
        super(message);
    }

    public ComputeException(String message, Throwable cause) {
        super(message, cause);
    }
}
