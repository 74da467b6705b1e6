package io.steadystate.server.internal.store;

/** The database failed or refused: a wrapped {@link java.sql.SQLException}, or a schema the server cannot use. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
