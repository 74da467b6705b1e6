package io.steadystate.cli.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Linux Secret Service (GNOME Keyring, KWallet, KeePassXC) through the {@code secret-tool} command of
 * libsecret. Items carry the attributes {@code service=steadystate} and {@code account=<backend URL>}; the
 * secret goes to {@code secret-tool store} on standard input, never on the command line.
 */
public final class SecretToolStore implements CredentialStore {

    public static final String NAME = "secret-service";
    static final String SERVICE = "steadystate";
    /** Long enough for the user to answer an unlock prompt of the keyring. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final Path tool;
    private final CommandRunner runner;

    public SecretToolStore(Path tool, CommandRunner runner) {
        this.tool = tool;
        this.runner = runner;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Whether a Secret Service answers: a lookup of an item that does not exist ends with 0 or with 1 and
     * nothing on stderr; without a D-Bus session or keyring daemon it complains or hangs.
     */
    static boolean answers(Path tool, CommandRunner runner) {
        return runner.probe(List.of(tool.toString(), "lookup", "service", SERVICE, "account", "steadystate-probe"),
                        PROBE_TIMEOUT)
                .map(r -> r.exitCode() == 0 || (r.exitCode() == 1 && r.stderr().isBlank()))
                .orElse(false);
    }

    @Override
    public Optional<String> load(String account) throws IOException {
        CommandRunner.Result r = run(null, "lookup", "service", SERVICE, "account", account);
        if (r.exitCode() == 0 && !r.stdout().isEmpty()) {
            return Optional.of(r.stdout().replaceFirst("\\R$", ""));
        }
        if (r.exitCode() <= 1 && r.stderr().isBlank()) {
            return Optional.empty();
        }
        throw failure("lookup", r);
    }

    @Override
    public void store(String account, String secret) throws IOException {
        CommandRunner.Result r = run(secret.getBytes(UTF_8), "store", "--label=SteadyState refresh token (" + account + ")",
                "service", SERVICE, "account", account);
        if (r.exitCode() != 0) {
            throw failure("store", r);
        }
    }

    @Override
    public void delete(String account) throws IOException {
        CommandRunner.Result r = run(null, "clear", "service", SERVICE, "account", account);
        if (r.exitCode() != 0 && !r.stderr().isBlank()) {
            throw failure("clear", r);
        }
    }

    private CommandRunner.Result run(byte[] stdin, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        try {
            return runner.run(command, stdin, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for secret-tool", e);
        }
    }

    private static IOException failure(String what, CommandRunner.Result r) {
        return new IOException("secret-tool " + what + " failed (exit " + r.exitCode() + ")"
                + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
    }
}
