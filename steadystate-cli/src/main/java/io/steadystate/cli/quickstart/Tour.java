package io.steadystate.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.MagicLink;
import io.steadystate.cli.auth.Json;
import io.steadystate.cli.quickstart.Processes.Result;
import io.steadystate.cli.quickstart.Processes.StepFailed;
import io.steadystate.cli.sessions.KnownHosts;
import io.steadystate.cli.sessions.SshInvocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quickstart's steps: a server on loopback, a sample repository, a collab session, two people
 * editing over SSH, syncs, a conflict and its resolution, the sync-log, and a publish to a local
 * "upstream". Every step prints what it did; the first that fails stops the tour with the reason.
 */
final class Tour {

    static final String GUEST = "steadystate-guest";

    private static final String GREETING = """
            def greet(name):
                return "Hello, " + name + "!"


            def farewell(name):
                return "Goodbye, " + name + "."


            if __name__ == "__main__":
                print(greet("world"))
            """;
    /** The host changes a word of the greeting... */
    private static final String HOST_GREETING = GREETING.replace("\"Hello, \"", "\"Welcome, \"");
    /** ...and the guest another part of the same line, and the farewell. */
    private static final String GUEST_GREETING = GREETING.replace("+ name + \"!\"", "+ name.title() + \"!\"")
            .replace("\"Goodbye, \"", "\"See you, \"");

    private final String launcher;
    private final Path workspace;
    private final PrintWriter out;
    private final Processes processes;
    private final Map<String, String> cliEnv = new HashMap<>();
    private final int steps = 9;
    private int step;

    private LocalServer server;
    private String host;
    private String sessionId;
    private MagicLink link;

    Tour(String launcher, Path workspace, Map<String, String> baseEnv, PrintWriter out) {
        this.launcher = launcher;
        this.workspace = workspace;
        this.out = out;
        this.processes = new Processes(baseEnv);
    }

    void run() throws IOException, InterruptedException, StepFailed {
        Path repos = Files.createDirectories(workspace.resolve("repos"));
        Path keys = Files.createDirectories(workspace.resolve("keys"));
        Path upstream = repos.resolve("upstream.git");

        say("Creating a sample repository, published as a local bare \"upstream\": " + upstream);
        Path seed = Files.createDirectories(workspace.resolve("seed"));
        Files.writeString(seed.resolve("README.md"), "# Sample project\n");
        Files.writeString(seed.resolve("greeting.py"), GREETING);
        Files.writeString(seed.resolve("VERSION"), "1.0\n");
        git(seed, "init", "-q", "-b", "main");
        git(seed, "add", "-A");
        git(seed, "-c", "user.name=Sample", "-c", "user.email=sample@example.invalid", "commit", "-q", "-m", "Sample project");
        git(workspace, "clone", "-q", "--bare", seed.toString(), upstream.toString());
        detail("README.md, greeting.py, VERSION on branch main");

        say("Starting the SteadyState server on loopback (embedded store, local sessions, dev sign-in)");
        Map<String, String> serverEnv = new HashMap<>();
        serverEnv.put("STEADYSTATE_PORT", "0");
        serverEnv.put("STEADYSTATE_BIND_ADDRESS", "127.0.0.1");
        serverEnv.put("STEADYSTATE_DATA_DIR", workspace.resolve("data").toString());
        serverEnv.put("STEADYSTATE_AUTH_PROVIDERS", "dev");
        serverEnv.put("STEADYSTATE_DEV_AUTH", "true");
        serverEnv.put("STEADYSTATE_ALLOWED_REPO_ROOTS", repos.toString());
        // People's SSH keys come from a folder here instead of GitHub's /<login>.keys.
        serverEnv.put("GITHUB_BASE_URL", keys.toUri().toString());
        serverEnv.put("STEADYSTATE_LAUNCHER", launcher);
        Map<String, String> env = new HashMap<>(processes.environment());
        env.putAll(serverEnv);
        server = LocalServer.start(launcher, env, workspace.resolve("server.log"));
        detail("listening on " + server.url() + "; log in " + workspace.resolve("server.log"));
        cliEnv.put("STEADYSTATE_BACKEND_URL", server.url());
        cliEnv.put("STEADYSTATE_CONFIG_DIR", workspace.resolve("config").toString());

        say("Signing in with the dev provider and starting a collab session that invites " + GUEST);
        cli("sign-in", "login", "--provider", "dev");
        host = Json.mapper().readTree(cli("whoami", "whoami", "--json").out()).path("login").asText();
        for (String login : List.of(host, GUEST)) {
            processes.require("ssh-keygen", List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", login, "-f",
                    keys.resolve(login).toString()), null, null, Map.of());
            Files.copy(keys.resolve(login + ".pub"), keys.resolve(login + ".keys"));
        }
        JsonNode up = Json.mapper().readTree(cli("up", "up", "--allow", GUEST, "--wait", "--json", upstream.toString()).out());
        sessionId = up.path("id").asText();
        link = MagicLink.parse(up.path("magic_link").asText());
        detail("you are '" + host + "'; session " + sessionId + " is running");
        detail("magic link: " + link);
        detail("others join with: steadystate join '" + link + "'");

        say("Both join over SSH and edit: the same line of greeting.py, and different lines");
        shell(host, "rc=0");
        shell(GUEST, "rc=0");
        shell(host, "cd ~/work && cat > greeting.py <<'STEADYSTATE'\n" + HOST_GREETING + "STEADYSTATE\nrc=$?");
        shell(GUEST, "cd ~/work && cat > greeting.py <<'STEADYSTATE'\n" + GUEST_GREETING + "STEADYSTATE\n"
                + "printf '%s\\n' '# Notes' 'Written by the guest.' > NOTES.md; rc=$?");
        detail(host + ": \"Hello, \" -> \"Welcome, \"");
        detail(GUEST + ": name -> name.title() on the same line, \"Goodbye\" -> \"See you\", adds NOTES.md");

        say("Both run 'steadystate sync' (" + host + " first, then " + GUEST + ", then " + host + " again)");
        show(host, shell(host, "cd ~/work && steadystate sync; rc=$?"));
        show(GUEST, shell(GUEST, "cd ~/work && steadystate sync; rc=$?"));
        show(host, shell(host, "cd ~/work && steadystate sync; rc=$?"));
        detail("canonical greeting.py now reads (both edits of the shared line merged word by word):");
        for (String line : canonical("greeting.py").lines().toList()) {
            detail("  | " + line);
        }
        detail("(git merge-file on the same three versions: " + gitMergeVerdict() + ")");

        say("A real conflict: both set VERSION, to different values");
        shell(host, "cd ~/work && echo 1.1 > VERSION && steadystate sync; rc=$?");
        detail(host + " synced VERSION = 1.1 first");
        Result conflicted = shellAllowing(GUEST, "cd ~/work && echo 2.0 > VERSION && steadystate sync; rc=$?", 1);
        show(GUEST, conflicted);
        detail("canonical kept 1.1; the guest's worktree has both sides marked:");
        for (String line : shell(GUEST, "cd ~/work && cat VERSION; rc=$?").out().lines().toList()) {
            detail("  | " + line);
        }
        detail(GUEST + " resolves it to 2.0 and syncs again:");
        show(GUEST, shell(GUEST, "cd ~/work && echo 2.0 > VERSION && steadystate sync; rc=$?"));
        show(host, shell(host, "cd ~/work && steadystate sync; rc=$?"));

        say("The session's sync-log (one JSON line per sync, in the session folder)");
        Path syncLog = workspace.resolve("data/sessions").resolve(sessionId).resolve("sync-log");
        for (String line : Files.readAllLines(syncLog)) {
            JsonNode n = Json.mapper().readTree(line);
            detail(String.format("%s  %-18s %-7s pushed %d, pulled %d%s", n.path("time").asText().replaceAll("\\.\\d+Z$", "Z"),
                    n.path("user").asText(), n.path("event").asText(), n.path("pushed").asInt(), n.path("pulled").asInt(),
                    n.path("conflicts").isEmpty() ? "" : ", conflicts " + n.path("conflicts")));
        }

        say("Publishing: " + host + " runs 'steadystate publish'; the server pushes the session branch upstream");
        show(host, ssh(host, List.of("steadystate", "publish"), null, 0));
        String branch = "steadystate/collab/" + sessionId;
        detail("upstream now has " + branch + ":");
        for (String line : git(workspace, "--git-dir", upstream.toString(), "log", "--format=%h %an: %s", branch).lines().toList()) {
            detail("  " + line);
        }

        say("Tearing down: the session, the server and the workspace");
        cli("down", "down", sessionId);
        sessionId = null;
        server.close();
        server = null;
        detail("done");
    }

    /** Stops whatever is still running; called whatever happened. */
    void cleanUp() {
        try {
            if (sessionId != null && server != null) {
                processes.run(List.of(launcher, "down", sessionId), null, null, cliEnv, java.time.Duration.ofSeconds(30));
            }
        } catch (IOException | InterruptedException e) {
            // the server goes away below, and takes its sessions with it
        }
        try {
            if (server != null) {
                server.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void say(String what) {
        step++;
        out.println();
        out.println("[" + step + "/" + steps + "] " + what);
        out.flush();
    }

    private void detail(String text) {
        out.println("      " + text);
        out.flush();
    }

    private void show(String who, Result r) {
        for (String line : r.out().strip().lines().toList()) {
            detail(who + "> " + line);
        }
    }

    private Result cli(String what, String... args) throws IOException, InterruptedException, StepFailed {
        List<String> argv = new ArrayList<>();
        argv.add(launcher);
        argv.addAll(List.of(args));
        return processes.require(what, argv, null, null, cliEnv);
    }

    private String git(Path cwd, String... args) throws IOException, InterruptedException, StepFailed {
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.addAll(List.of(args));
        return processes.require("git " + args[0], argv, cwd, null, Map.of()).out();
    }

    private String canonical(String path) throws IOException, InterruptedException, StepFailed {
        Path dir = workspace.resolve("data/sessions").resolve(sessionId).resolve("canonical");
        return git(workspace, "--git-dir", dir.toString(), "show", "steadystate/collab/" + sessionId + ":" + path);
    }

    /** What git's own merge makes of the shared line: the tour shows the difference. */
    private String gitMergeVerdict() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(workspace.resolve("git-merge"));
        Files.writeString(dir.resolve("base"), GREETING);
        Files.writeString(dir.resolve("host"), HOST_GREETING);
        Files.writeString(dir.resolve("guest"), GUEST_GREETING);
        Result r = processes.run(List.of("git", "merge-file", "-p", "host", "base", "guest"), dir, null, Map.of(),
                java.time.Duration.ofSeconds(30));
        return r.exit() == 0 ? "merges cleanly too" : r.exit() + " conflict" + (r.exit() == 1 ? "" : "s")
                + " on the shared line";
    }

    /** Runs a script in {@code login}'s login shell in the session; the script sets {@code rc}, the exit status. */
    private Result shell(String login, String script) throws IOException, InterruptedException, StepFailed {
        return shellAllowing(login, script, 0);
    }

    private Result shellAllowing(String login, String script, int expected)
            throws IOException, InterruptedException, StepFailed {
        return ssh(login, List.of(), script + "\nexit $rc\n", expected);
    }

    private Result ssh(String login, List<String> command, String input, int expected)
            throws IOException, InterruptedException, StepFailed {
        KnownHosts known = KnownHosts.in(workspace.resolve("config"));
        known.pin(link.sshHost(), link.sshPort(), link.hostPublicKey());
        SshInvocation.Remote remote = new SshInvocation.Remote(false, command);
        List<String> argv = SshInvocation.argv(link, known.file(), workspace.resolve("keys").resolve(login), remote);
        Result r = processes.run(argv, null, input, Map.of(), java.time.Duration.ofMinutes(3));
        if (r.exit() != expected) {
            throw new StepFailed("ssh as " + login + " ended with exit " + r.exit() + " (expected " + expected + "): "
                    + Processes.lastLines(r.err().isBlank() ? r.out() : r.out() + "\n" + r.err()));
        }
        return r;
    }
}
