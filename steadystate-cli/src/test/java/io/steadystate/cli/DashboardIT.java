package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.cli.CliProcess.Run;
import io.steadystate.cli.auth.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steadystate dashboard} end to end: the real server with the local compute provider, a session, the system
 * OpenSSH client, and {@code steadystate watch} run in the session over ssh; GitHub faked on loopback.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardIT {

    @TempDir
    static Path tmp;

    private static FakeGitHub github;
    private static ServerProcess server;
    private static Path repo;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
        github.publishKeys("alice", SessionKit.keygen(tmp.resolve("keys"), "alice"));
        Path roots = Files.createDirectories(tmp.resolve("repos"));
        repo = roots.resolve("project");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("README.md"), "# project\n");
        SessionKit.commitAll(repo);
        server = new ServerProcess(CliProcess.LAUNCHER, tmp.resolve("data"), Map.of(
                "GITHUB_CLIENT_ID", "test-client", "GITHUB_BASE_URL", github.url(), "GITHUB_API_URL", github.url(),
                "STEADYSTATE_ALLOWED_REPO_ROOTS", roots.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void theDashboardOfASessionThroughItsMagicLink() throws Exception {
        Path alice = tmp.resolve("alice-config");
        github.nextUser("alice");
        assertThat(CliProcess.run(server.url(), alice, "login").exit()).isZero();
        Run up = CliProcess.run(server.url(), alice, "up", "--wait", "--json", repo.toString());
        assertThat(up.exit()).as(up + "\n" + server.log()).isZero();
        JsonNode session = Json.mapper().readTree(up.stdout());
        String id = session.get("id").asText();
        String link = session.get("magic_link").asText();
        String key = tmp.resolve("keys/alice").toString();

        // Not a terminal here: one plain rendering, made in the session from its own logs.
        Run plain = CliProcess.run(server.url(), alice, "dashboard", "--identity", key, link);
        assertThat(plain.exit()).as(plain + "\n" + server.log()).isZero();
        assertThat(plain.stdout()).startsWith("SteadyState session " + id + " on steadystate/collab/" + id + "\n")
                .contains("Join: steadystate join '" + link + "'\n")
                .contains("Connected (1)\n  alice  since ")
                .contains("provisioned ssh port ")
                .doesNotContain("\u001b");

        Run json = CliProcess.run(server.url(), alice, "dash", "--json", "--identity", key, link);
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode snapshot = Json.mapper().readTree(json.stdout());
        assertThat(snapshot.at("/session/id").asText()).isEqualTo(id);
        assertThat(snapshot.at("/session/magic_link").asText()).isEqualTo(link);
        assertThat(snapshot.at("/connected/0/user").asText()).isEqualTo("alice");
        // the plain dashboard before ran as an exec request, logged like any other
        assertThat(snapshot.at("/activity").toString()).contains("steadystate watch --plain");

        liveOverSsh(alice, key, link, id);

        Run bad = CliProcess.run(server.url(), alice, "dashboard", link.replace("steadystate://", "https://"));
        assertThat(bad.exit()).isEqualTo(129);
        assertThat(bad.stderr()).contains("error: not a valid magic link");

        assertThat(CliProcess.run(server.url(), alice, "down", id).exit()).isZero();
    }

    /** On a terminal (util-linux script provides one) the dashboard is live in the session until q. */
    private static void liveOverSsh(Path config, String key, String link, String id) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
            System.out.println("DashboardIT: no /usr/bin/script, the live dashboard over ssh is not tried");
            return;
        }
        Path typescript = tmp.resolve("dashboard-typescript");
        // The command is ours; its variable parts (paths and the link) are single-quoted.
        String command = "stty cols 120 rows 30 && exec " + String.join(" ", List.of(CliProcess.LAUNCHER.toAbsolutePath()
                .toString(), "dashboard", "--identity", key, link).stream().map(DashboardIT::quote).toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-f", "-c", command, typescript.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("STEADYSTATE_CONFIG_DIR", config.toString());
        Process p = pb.start();
        try (java.io.OutputStream keys = p.getOutputStream()) {
            String screen = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!screen.contains("s sync  d diff  c credit  q quit") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                screen = Files.exists(typescript) ? Files.readString(typescript) : "";
            }
            assertThat(screen).as(screen).contains("s sync  d diff  c credit  q quit")
                    .contains("SteadyState session " + id).contains("\u001b[?1049h");
            keys.write('q');
            keys.flush();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the dashboard ends on q").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String screen = Files.readString(typescript);
        assertThat(p.exitValue()).as(screen).isZero();
        assertThat(screen).contains("\u001b[?25h\u001b[?1049l");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }


}
