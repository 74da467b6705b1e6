package io.steadystate.cli.auth;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The refresh token in {@code refresh-token} in the config folder: a 0600 file in a 0700 folder, replaced
 * atomically. Used where no OS credential store answers. It holds one token, for the account it names.
 */
public final class FileCredentialStore implements CredentialStore {

    public static final String NAME = "file";
    public static final String FILE_NAME = "refresh-token";

    /** The file's content, {@code {"account": ..., "refresh_token": ...}}. */
    record Entry(String account, String refreshToken) {
        @Override
        public String toString() {
            return "Entry[account=" + account + "]";
        }
    }

    private final Path file;

    public FileCredentialStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> load(String account) throws IOException {
        return entry().filter(e -> account.equals(e.account())).map(Entry::refreshToken);
    }

    @Override
    public void store(String account, String secret) throws IOException {
        SecureFiles.writePrivate(file, Json.mapper().writeValueAsBytes(new Entry(account, secret)));
    }

    @Override
    public void delete(String account) throws IOException {
        Optional<Entry> e = entry();
        if (e.isEmpty() || account.equals(e.get().account()) || e.get().refreshToken() == null) {
            Files.deleteIfExists(file);
        }
    }

    private Optional<Entry> entry() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            Entry entry = Json.mapper().readValue(bytes, Entry.class);
            return entry == null || entry.refreshToken() == null ? Optional.empty() : Optional.of(entry);
        } catch (JacksonException e) {
            throw new IOException(file + " is damaged; delete it and run steadystate login", e);
        }
    }
}
