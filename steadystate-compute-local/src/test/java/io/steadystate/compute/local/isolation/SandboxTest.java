package io.steadystate.compute.local.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argument list itself; runs nothing, so it needs no bubblewrap. */
class SandboxTest {

    @TempDir
    Path tmp;

    private final Sandbox sandbox = new Sandbox(Path.of("/usr/bin/bwrap"));
    private Path checkout;
    private Path dataDir;
    private Path session;
    private SandboxPolicy policy;

    @BeforeEach
    void layout() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("checkout"));
        dataDir = Files.createDirectories(checkout.resolve("data"));
        session = Files.createDirectories(dataDir.resolve("sessions/A")).toRealPath();
        policy = SandboxPolicy.of(session, dataDir, null, checkout);
    }

    private List<String> argv(Sandbox.Terminal terminal, Map<String, String> env) {
        return sandbox.argv(policy, terminal, session, env, List.of("sh", "-c", "echo hi"));
    }

    @Test
    void newSessionOnlyForDetachedCommands() {
        assertThat(argv(Sandbox.Terminal.DETACHED, Map.of())).contains("--new-session");
        assertThat(argv(Sandbox.Terminal.INTERACTIVE, Map.of())).doesNotContain("--new-session");
    }

    @Test
    void namespacesCapabilitiesAndFreshMounts() {
        List<String> argv = argv(Sandbox.Terminal.INTERACTIVE, Map.of());
        assertThat(argv.getFirst()).isEqualTo("/usr/bin/bwrap");
        assertThat(argv).doesNotContain("--die-with-parent");
        assertThat(argv).contains("--unshare-pid", "--unshare-ipc", "--unshare-uts").doesNotContain("--setenv")
                .doesNotContain("--unshare-net", "--unshare-all", "--share-net");
        assertThat(Collections.indexOfSubList(argv, List.of("--cap-drop", "ALL"))).isNotNegative();
        assertThat(Collections.indexOfSubList(argv, List.of("--tmpfs", "/tmp"))).isNotNegative();
        assertThat(Collections.indexOfSubList(argv, List.of("--proc", "/proc"))).isNotNegative();
        assertThat(Collections.indexOfSubList(argv, List.of("--ro-bind-try", "/usr", "/usr"))).isNotNegative();
        assertThat(argv.subList(argv.indexOf("--") + 1, argv.size())).containsExactly("sh", "-c", "echo hi");
    }

    @Test
    void noSecretOfEtcIsBound() {
        List<String> argv = argv(Sandbox.Terminal.DETACHED, Map.of());
        assertThat(argv).noneMatch(a -> a.startsWith("/etc/shadow") || a.startsWith("/etc/gshadow")
                || a.startsWith("/etc/ssh/ssh_host") || a.startsWith("/etc/ssl/private") || a.equals("/etc"));
    }

    @Test
    void dataDirInsideAReadOnlyBindIsMaskedBeforeTheSessionIsBound() throws IOException {
        List<String> argv = argv(Sandbox.Terminal.DETACHED, Map.of());
        int launcher = Collections.indexOfSubList(argv, List.of("--ro-bind-try", checkout.toString(), checkout.toString()));
        int mask = Collections.indexOfSubList(argv, List.of("--tmpfs", dataDir.toString()));
        int bind = Collections.indexOfSubList(argv, List.of("--bind", session.toString(), session.toString()));
        assertThat(launcher).isNotNegative();
        assertThat(mask).isGreaterThan(launcher);
        assertThat(bind).isGreaterThan(mask);
        assertThat(Collections.indexOfSubList(argv, List.of("--tmpfs", "/tmp"))).isLessThan(launcher);
    }

    @Test
    void onlyAllowedVariablesEnter() {
        Map<String, String> env = Map.of("HOME", session.toString(), "STEADYSTATE_TOKEN", "t0k3n-secret");
        // Variables travel in bwrap's environment, never on its command line, which ps shows to everyone.
        ProcessBuilder pb = sandbox.processBuilder(policy, Sandbox.Terminal.DETACHED, session, env, List.of("true"));
        assertThat(pb.environment()).isEqualTo(env);
        assertThat(pb.command()).noneMatch(a -> a.contains("t0k3n-secret")).doesNotContain("--setenv");

        for (String name : List.of("GITHUB_CLIENT_SECRET", "STEADYSTATE_DATABASE_URL", "LD_PRELOAD", "BAD=NAME", "")) {
            assertThatThrownBy(() -> argv(Sandbox.Terminal.DETACHED, Map.of(name, "x")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Sandbox.isAllowedVariable("LC_ALL")).isTrue();
        assertThat(Sandbox.isAllowedVariable("TERM")).isTrue();
    }

    @Test
    void workingDirMustBeInsideTheSession() {
        assertThatThrownBy(() -> sandbox.argv(policy, Sandbox.Terminal.DETACHED, dataDir, Map.of(), List.of("true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside what the sandbox sees");
        assertThatThrownBy(() -> sandbox.argv(policy, Sandbox.Terminal.DETACHED, session, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyRejectsASessionDirThatHoldsTheDataDir() {
        assertThatThrownBy(() -> SandboxPolicy.of(dataDir, dataDir.resolve("inner"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxPolicy.of(Path.of("relative"), dataDir, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSandboxSeesOnlyTheMountsItsPolicyNamesOfTheSession() throws IOException {
        Path canonical = Files.createDirectories(session.resolve("canonical"));
        Path home = Files.createDirectories(session.resolve("users/bob"));
        SandboxPolicy member = policy.withMounts(List.of(io.steadystate.compute.local.SessionMount.readOnly(canonical),
                io.steadystate.compute.local.SessionMount.writable(home)));

        List<String> argv = sandbox.argv(member, Sandbox.Terminal.DETACHED, home, Map.of(), List.of("true"));

        assertThat(Collections.indexOfSubList(argv, List.of("--ro-bind", canonical.toString(), canonical.toString()))).isNotNegative();
        assertThat(Collections.indexOfSubList(argv, List.of("--bind", home.toString(), home.toString()))).isNotNegative();
        assertThat(argv).doesNotContain(session.toString());
        assertThatThrownBy(() -> sandbox.argv(member, Sandbox.Terminal.DETACHED, dataDir, Map.of(), List.of("true")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
