package io.steadystate.api.spi;

/** A provider could not be set up or could not answer; the message is meant for people. */
public class AuthProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthProviderException(String message) {
        super(message);
    }

    public AuthProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
