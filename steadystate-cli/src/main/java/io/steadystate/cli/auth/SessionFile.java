package io.steadystate.cli.auth;

import com.fasterxml.jackson.core.JacksonException;
import io.steadystate.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code session.json} in the config folder: the current login. Holds the short-lived JWT but never the
 * refresh token, which lives in the {@link CredentialStore} named by {@link Session#credentialStore()}.
 */
public final class SessionFile {

    public static final String FILE_NAME = "session.json";

    /**
     * One login, as kept in {@code session.json} (snake_case on disk).
     *
     * @param jwt             the bearer token
     * @param login           the user's login at the provider
     * @param provider        the identity provider, such as {@code github}
     * @param backendUrl      the server that issued the tokens
     * @param jwtExpiresAt    when the JWT expires (ISO-8601), or null when the JWT does not say
     * @param credentialStore where the refresh token is kept: {@code secret-service}, {@code keychain} or {@code file}
     */
    public record Session(String jwt, String login, String provider, String backendUrl, String jwtExpiresAt,
            String credentialStore) {

        /** The JWT's expiry, if known. */
        public Optional<Instant> jwtExpiry() {
            if (jwtExpiresAt == null || jwtExpiresAt.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Instant.parse(jwtExpiresAt));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }

        /** The same login with a new JWT. */
        public Session withJwt(String newJwt, Instant newExpiry) {
            return new Session(newJwt, login, provider, backendUrl, newExpiry == null ? null : newExpiry.toString(),
                    credentialStore);
        }

        @Override
        public String toString() {
            return "Session[login=" + login + ", provider=" + provider + ", backendUrl=" + backendUrl
                    + ", jwtExpiresAt=" + jwtExpiresAt + ", credentialStore=" + credentialStore + "]";
        }
    }

    private final Path file;

    public SessionFile(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /** The stored login, or empty when there is none. */
    public Optional<Session> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Session s = Json.mapper().readValue(bytes, Session.class);
            return s == null || s.jwt() == null || s.jwt().isBlank() ? Optional.empty() : Optional.of(s);
        } catch (JacksonException e) {
            throw new CliException(Main.EXIT_ERROR, file + " is damaged (" + e.getOriginalMessage()
                    + "); delete it and run steadystate login", e);
        } catch (IOException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the stored login atomically; the file is 0600 and its folder 0700. */
    public void write(Session session) throws IOException {
        SecureFiles.writePrivate(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(session));
    }

    /** Removes the stored login; true when there was one. */
    public boolean delete() throws IOException {
        return Files.deleteIfExists(file);
    }
}
