package io.steadystate.cli.watch;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import io.steadystate.cli.sessions.ShellQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a session folder's {@code session-info.json} says about the session.
 *
 * @param id            the session id
 * @param magicLink     the link others join with; null when the file has none
 * @param sshUser       the SSH user of the link
 * @param sshHost       the SSH host of the link
 * @param sshPort       the SSH port of the link
 * @param hostPublicKey the session's SSH host key
 * @param branch        the session branch in the canonical repository
 */
public record SessionInfo(String id, String magicLink, String sshUser, String sshHost, Integer sshPort,
                          String hostPublicKey, String branch) {

    /** The file in a session folder. */
    public static final String FILE = "session-info.json";

    /** The command that joins this session, quoted for a POSIX shell; null without a link. */
    public String joinCommand() {
        return magicLink == null ? null : ShellQuote.joinCommand(magicLink);
    }

    /**
     * Reads {@code <sessionDir>/session-info.json}.
     *
     * @throws CliException with exit 1 when the folder is not a session folder or the file cannot be read
     */
    public static SessionInfo read(Path sessionDir) {
        Path file = sessionDir.resolve(FILE);
        if (!Files.isDirectory(sessionDir)) {
            throw new CliException(Main.EXIT_AUTH, "no session folder at " + sessionDir);
        }
        try {
            SessionInfo info = Json.mapper().readValue(Files.readAllBytes(file), SessionInfo.class);
            if (info == null || info.id() == null || info.id().isBlank()) {
                throw new CliException(Main.EXIT_AUTH, file + " names no session id; the session folder is damaged");
            }
            return info;
        } catch (NoSuchFileException e) {
            throw new CliException(Main.EXIT_AUTH, sessionDir + " is not a session folder (it has no " + FILE + ")");
        } catch (IOException e) {
            throw new CliException(Main.EXIT_AUTH, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
