package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A session folder made by hand as the local provider lays it out: a bare {@code canonical}, alice's worktree in
 * {@code users/alice/work} with its state file, {@code session-info.json} and the two logs.
 */
final class SessionFolder {

    static final String ID = "abcdefgh12345678";

    final Path dir;
    final Path worktree;

    private SessionFolder(Path dir, Path worktree) {
        this.dir = dir;
        this.worktree = worktree;
    }

    static SessionFolder create(Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("sessions").resolve(ID));
        Path seed = Files.createDirectories(root.resolve("seed"));
        Files.writeString(seed.resolve("README.md"), "# project\n");
        git(seed, "init", "-q", "-b", "main");
        git(seed, "add", ".");
        git(seed, "-c", "user.name=Dev", "-c", "user.email=dev@example.invalid", "commit", "-q", "-m", "initial");
        git(root, "clone", "-q", "--bare", seed.toString(), dir.resolve("canonical").toString());
        Path work = dir.resolve("users/alice/work");
        git(dir.resolve("canonical"), "worktree", "add", "-q", "--detach", work.toString(), "main");
        String head = git(dir.resolve("canonical"), "rev-parse", "main").strip();
        Files.createDirectories(work.resolve(".steadystate"));
        Files.writeString(work.resolve(".steadystate/steadystate.json"), "{\"session_id\":\"" + ID + "\",\"branch\":"
                + "\"steadystate/collab/" + ID + "\",\"last_synced_commit\":\"" + head + "\",\"user\":\"alice\"}\n");
        Files.createDirectories(work.resolve("src/deep"));
        Files.writeString(dir.resolve("session-info.json"), "{\"id\":\"" + ID + "\",\"magic_link\":\"" + Logs.LINK
                + "\",\"ssh_user\":\"steady\",\"ssh_host\":\"127.0.0.1\",\"ssh_port\":40022,\"host_public_key\":"
                + "\"ssh-ed25519 AAAA\",\"branch\":\"steadystate/collab/" + ID + "\"}\n");
        Files.writeString(dir.resolve("activity-log"), String.join("\n",
                Logs.activity("2024-01-02T03:04:05Z", "alice", "provisioned", "ssh port 40022"),
                Logs.activity("2024-01-02T03:05:00Z", "alice", "connect", "from /127.0.0.1:5555"),
                "{\"truncated\":",
                Logs.activity("2024-01-02T03:06:00Z", "bob", "connect", "from /127.0.0.1:5556"),
                Logs.activity("2024-01-02T03:07:00Z", "bob", "disconnect", "from /127.0.0.1:5556")) + "\n");
        Files.writeString(dir.resolve("sync-log"),
                Logs.sync("2024-01-02T03:06:30Z", "alice", head, 1, 0, List.of("src/App.java")) + "\n");
        return new SessionFolder(dir, work);
    }

    static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    void remove(String file) throws IOException {
        Files.delete(dir.resolve(file));
    }
}
