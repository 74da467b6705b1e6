package io.steadystate.cli.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The macOS login keychain through {@code /usr/bin/security}, as generic passwords with service
 * {@code steadystate} and the backend URL as account.
 *
 * <p>{@code security add-generic-password -w <secret>} would show the token to every user of the machine
 * in the process list, and {@code -w} without a value prompts on the terminal. So the add command is written
 * to {@code security -i} (its interactive mode) on standard input, and the token never appears in an
 * argument list. The interactive mode does not report a failed command in its exit code, so every store is
 * read back and compared; a mismatch is an error and the caller falls back to the file store. Only tokens
 * made of printable ASCII without quotes or backslashes are written this way (the server's tokens are
 * base64url), which keeps the command line that {@code security -i} parses unambiguous.
 */
public final class MacKeychainStore implements CredentialStore {

    public static final String NAME = "keychain";
    static final String SERVICE = "steadystate";
    /** {@code errSecItemNotFound} as {@code security} reports it in its exit code. */
    static final int NOT_FOUND = 44;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern SAFE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]+");

    private final Path tool;
    private final CommandRunner runner;

    public MacKeychainStore(Path tool, CommandRunner runner) {
        this.tool = tool;
        this.runner = runner;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether the user has a default keychain to write to. */
    static boolean answers(Path tool, CommandRunner runner) {
        return runner.probe(List.of(tool.toString(), "default-keychain", "-d", "user"), PROBE_TIMEOUT)
                .map(r -> r.exitCode() == 0)
                .orElse(false);
    }

    @Override
    public Optional<String> load(String account) throws IOException {
        CommandRunner.Result r = run(null, "find-generic-password", "-s", SERVICE, "-a", account, "-w");
        if (r.exitCode() == 0) {
            String secret = r.stdout().replaceFirst("\\R$", "");
            return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
        }
        if (r.exitCode() == NOT_FOUND) {
            return Optional.empty();
        }
        throw failure("find-generic-password", r);
    }

    @Override
    public void store(String account, String secret) throws IOException {
        if (!SAFE.matcher(secret).matches() || !SAFE.matcher(account).matches()) {
            throw new IOException("the keychain store only takes tokens of printable ASCII without quotes");
        }
        String line = "add-generic-password -U -s " + SERVICE + " -a \"" + account + "\" -l \"SteadyState refresh token\""
                + " -w \"" + secret + "\"\n";
        CommandRunner.Result r = run(line.getBytes(UTF_8), "-i");
        if (r.exitCode() != 0) {
            throw failure("add-generic-password", r);
        }
        if (!load(account).map(secret::equals).orElse(false)) {
            throw new IOException("the keychain did not keep the token"
                    + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
        }
    }

    @Override
    public void delete(String account) throws IOException {
        CommandRunner.Result r = run(null, "delete-generic-password", "-s", SERVICE, "-a", account);
        if (r.exitCode() != 0 && r.exitCode() != NOT_FOUND) {
            throw failure("delete-generic-password", r);
        }
    }

    private CommandRunner.Result run(byte[] stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        try {
            return runner.run(command, stdin, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for security", e);
        }
    }

    private static IOException failure(String what, CommandRunner.Result r) {
        return new IOException("security " + what + " failed (exit " + r.exitCode() + ")"
                + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
    }
}
