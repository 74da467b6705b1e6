package io.steadystate.cli.auth;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the refresh token lives, one secret per account; the account is the backend URL, so that logins to
 * different servers do not overwrite each other.
 */
public interface CredentialStore {

    /** The name recorded in {@code session.json}: {@code secret-service}, {@code keychain} or {@code file}. */
    String name();

    /** The secret kept for {@code account}, or empty when there is none. */
    Optional<String> load(String account) throws IOException;

    /** Keeps {@code secret} for {@code account}, replacing any earlier one. */
    void store(String account, String secret) throws IOException;

    /** Forgets the secret for {@code account}; nothing happens when there is none. */
    void delete(String account) throws IOException;
}
