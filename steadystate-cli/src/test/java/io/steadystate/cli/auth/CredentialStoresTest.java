package io.steadystate.cli.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which store keeps the refresh token, with a stand-in PATH and command runner: no real keyring is touched. */
class CredentialStoresTest {

    private static final String BACKEND = "http://localhost:3000";
    private static final Path SECRET_TOOL = Path.of("/usr/bin/secret-tool");
    private static final Path SECURITY = Path.of("/usr/bin/security");

    @TempDir
    Path cfg;

    /** Records every command and answers with the given function. */
    static final class FakeRunner implements CommandRunner {
        final List<List<String>> commands = new ArrayList<>();
        final List<String> stdins = new ArrayList<>();
        private final Function<List<String>, Result> answer;

        FakeRunner(Function<List<String>, Result> answer) {
            this.answer = answer;
        }

        @Override
        public Result run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
            commands.add(command);
            stdins.add(stdin == null ? null : new String(stdin, UTF_8));
            Result r = answer.apply(command);
            if (r == null) {
                throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return r;
        }
    }

    private static ExecutableFinder having(Map<String, Path> programs) {
        return name -> Optional.ofNullable(programs.get(name));
    }

    @Test
    void linuxWithoutSecretToolUsesTheFile() {
        FakeRunner runner = new FakeRunner(c -> new CommandRunner.Result(0, "", ""));
        CredentialStore store = new CredentialStores(cfg, "Linux", having(Map.of()), runner).choose();
        assertThat(store).isInstanceOf(FileCredentialStore.class);
        assertThat(store.name()).isEqualTo("file");
        assertThat(runner.commands).isEmpty();
    }

    @Test
    void linuxWithSecretToolButNoSecretServiceUsesTheFile() {
        FakeRunner runner = new FakeRunner(c -> new CommandRunner.Result(1, "",
                "secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY\n"));
        CredentialStore store = new CredentialStores(cfg, "Linux", having(Map.of("secret-tool", SECRET_TOOL)), runner)
                .choose();
        assertThat(store).isInstanceOf(FileCredentialStore.class);
        assertThat(runner.commands).containsExactly(
                List.of("/usr/bin/secret-tool", "lookup", "service", "steadystate", "account", "steadystate-probe"));
    }

    @Test
    void linuxWithAHangingSecretServiceUsesTheFile() {
        FakeRunner runner = new FakeRunner(c -> null);
        assertThat(new CredentialStores(cfg, "Linux", having(Map.of("secret-tool", SECRET_TOOL)), runner).choose())
                .isInstanceOf(FileCredentialStore.class);
    }

    @Test
    void linuxWithAnAnsweringSecretServiceUsesIt() throws IOException {
        FakeRunner runner = new FakeRunner(c -> c.get(1).equals("lookup") && c.get(5).equals(BACKEND)
                ? new CommandRunner.Result(0, "r-1", "")
                : new CommandRunner.Result(1, "", ""));
        CredentialStore store = new CredentialStores(cfg, "Linux", having(Map.of("secret-tool", SECRET_TOOL)), runner)
                .choose();
        assertThat(store).isInstanceOf(SecretToolStore.class);
        assertThat(store.name()).isEqualTo("secret-service");

        assertThat(store.load(BACKEND)).contains("r-1");
        assertThat(store.load("http://elsewhere")).isEmpty();
    }

    @Test
    void secretToolGetsTheSecretOnStdinOnly() throws IOException {
        FakeRunner runner = new FakeRunner(c -> new CommandRunner.Result(0, "", ""));
        new SecretToolStore(SECRET_TOOL, runner).store(BACKEND, "s3cr3t");
        new SecretToolStore(SECRET_TOOL, runner).delete(BACKEND);
        assertThat(runner.commands.get(0)).containsExactly("/usr/bin/secret-tool", "store",
                "--label=SteadyState refresh token (" + BACKEND + ")", "service", "steadystate", "account", BACKEND);
        assertThat(runner.stdins.get(0)).isEqualTo("s3cr3t");
        assertThat(runner.commands.get(1)).containsExactly("/usr/bin/secret-tool", "clear", "service", "steadystate",
                "account", BACKEND);
        assertThat(runner.commands).allSatisfy(c -> assertThat(String.join(" ", c)).doesNotContain("s3cr3t"));
    }

    @Test
    void secretToolFailureIsAnError() {
        FakeRunner runner = new FakeRunner(c -> new CommandRunner.Result(1, "", "Cannot create an item in a locked collection"));
        assertThatThrownBy(() -> new SecretToolStore(SECRET_TOOL, runner).store(BACKEND, "x"))
                .isInstanceOf(IOException.class).hasMessageContaining("locked collection");
    }

    @Test
    void macUsesTheKeychainWithTheSecretOnStdinOnly() throws IOException {
        List<String> kept = new ArrayList<>();
        FakeRunner runner = new FakeRunner(c -> switch (c.get(1)) {
            case "find-generic-password" -> kept.isEmpty()
                    ? new CommandRunner.Result(44, "", "The specified item could not be found in the keychain.")
                    : new CommandRunner.Result(0, kept.getLast() + "\n", "");
            default -> new CommandRunner.Result(0, "", "");
        });
        CredentialStore store = new CredentialStores(cfg, "Mac OS X", having(Map.of("security", SECURITY)), runner)
                .choose();
        assertThat(store).isInstanceOf(MacKeychainStore.class);
        assertThat(store.load(BACKEND)).isEmpty();
        kept.add("tok_EN-1.x");
        store.store(BACKEND, "tok_EN-1.x");
        assertThat(store.load(BACKEND)).contains("tok_EN-1.x");

        int add = runner.commands.indexOf(List.of("/usr/bin/security", "-i"));
        assertThat(add).isNotNegative();
        assertThat(runner.stdins.get(add)).isEqualTo("add-generic-password -U -s steadystate -a \"" + BACKEND
                + "\" -l \"SteadyState refresh token\" -w \"tok_EN-1.x\"\n");
        assertThat(runner.commands).allSatisfy(c -> assertThat(String.join(" ", c)).doesNotContain("tok_EN"));
    }

    @Test
    void macKeychainThatDoesNotKeepTheTokenIsAnError() {
        FakeRunner runner = new FakeRunner(c -> c.get(1).equals("find-generic-password")
                ? new CommandRunner.Result(44, "", "")
                : new CommandRunner.Result(0, "", "security: SecKeychainItemCreateFromContent: User interaction is not allowed."));
        assertThatThrownBy(() -> new MacKeychainStore(SECURITY, runner).store(BACKEND, "tok"))
                .isInstanceOf(IOException.class).hasMessageContaining("did not keep the token");
        assertThatThrownBy(() -> new MacKeychainStore(SECURITY, runner).store(BACKEND, "a\"; rm -rf"))
                .isInstanceOf(IOException.class).hasMessageContaining("printable ASCII");
    }

    @Test
    void otherSystemsAndMissingProgramsUseTheFile() {
        FakeRunner runner = new FakeRunner(c -> new CommandRunner.Result(0, "", ""));
        assertThat(new CredentialStores(cfg, "Windows 11", having(Map.of("secret-tool", SECRET_TOOL)), runner).choose())
                .isInstanceOf(FileCredentialStore.class);
        assertThat(new CredentialStores(cfg, "Mac OS X", having(Map.of()), runner).choose())
                .isInstanceOf(FileCredentialStore.class);
        CredentialStores linuxWithout = new CredentialStores(cfg, "Linux", having(Map.of()), runner);
        assertThat(linuxWithout.named("secret-service")).isEmpty();
        assertThat(linuxWithout.named("file")).containsInstanceOf(FileCredentialStore.class);
        assertThat(linuxWithout.named(null)).containsInstanceOf(FileCredentialStore.class);
    }

    @Test
    void fileStoreIs0600AndKeyedByAccount() throws IOException {
        Path dir = cfg.resolve("steadystate");
        FileCredentialStore store = new FileCredentialStore(dir);
        assertThat(store.load(BACKEND)).isEmpty();
        store.store(BACKEND, "r-1");
        store.store(BACKEND, "r-2");
        assertThat(store.load(BACKEND)).contains("r-2");
        assertThat(store.load("https://other.example")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("refresh-token");
        }
        store.delete("https://other.example");
        assertThat(store.load(BACKEND)).contains("r-2");
        store.delete(BACKEND);
        assertThat(Files.exists(store.path())).isFalse();
        store.delete(BACKEND);
    }

    @Test
    void pathLookupFindsExecutablesOnly() throws IOException {
        Path bin = Files.createDirectories(cfg.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("secret-tool"), "#!/bin/sh\n");
        Files.writeString(bin.resolve("security"), "not executable");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        ExecutableFinder finder = ExecutableFinder.onPath("/nonexistent:" + bin);
        assertThat(finder.find("secret-tool")).contains(tool);
        assertThat(finder.find("security")).isEmpty();
        assertThat(ExecutableFinder.onPath("").find("secret-tool")).isEmpty();
        assertThat(ExecutableFinder.onPath(null).find("secret-tool")).isEmpty();
    }

    @Test
    void systemRunnerPassesStdinAndArgumentsWithoutAShell() throws Exception {
        CommandRunner.Result r = CommandRunner.system().run(List.of("sh", "-c", "cat; echo \" $0\" >&2; exit 3", "a b;c"),
                "in put".getBytes(UTF_8), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("in put");
        assertThat(r.stderr()).isEqualTo(" a b;c\n");
        assertThatThrownBy(() -> CommandRunner.system().run(List.of("sleep", "10"), null, Duration.ofMillis(200)))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish");
    }
}
