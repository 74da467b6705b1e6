package io.steadystate.cli.worktree;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A session laid out on disk as the local provider lays it out, made with the system git:
 * {@code sessions/s1/canonical} (bare, branch {@code steadystate/collab/s1}), the worktree
 * {@code sessions/s1/users/carol/work} detached at the branch head with a hand-written
 * {@code .steadystate/steadystate.json}, and a scratch worktree on the branch for commits by others.
 */
final class SessionFixture {

    static final String BRANCH = "steadystate/collab/s1";
    static final String USER = "carol";

    final Path dir;
    final Path canonical;
    final Path work;
    private final Path scratch;
    private int clock;

    private SessionFixture(Path dir) {
        this.dir = dir;
        Path session = dir.resolve("sessions").resolve("s1");
        this.canonical = session.resolve("canonical");
        this.work = session.resolve("users").resolve(USER).resolve("work");
        this.scratch = dir.resolve("scratch");
    }

    /** A session whose first commit, by alice, holds {@code files} (path to content). */
    static SessionFixture create(Path tmp, Map<String, String> files) throws IOException {
        SessionFixture f = new SessionFixture(tmp);
        Path seed = tmp.resolve("seed");
        Files.createDirectories(seed);
        f.git(seed, "init", "-q", "-b", BRANCH);
        writeAll(seed, files);
        f.git(seed, "add", "-A");
        f.commit(seed, "alice", "first");
        f.git(tmp, "clone", "-q", "--bare", seed.toString(), f.canonical.toString());
        // The sync state is SteadyState's own: git must not show it either when diffs are compared.
        Files.writeString(f.canonical.resolve("info").resolve("exclude"), ".steadystate/\n");
        f.git(tmp, "--git-dir", f.canonical.toString(), "worktree", "add", "-q", f.scratch.toString(), BRANCH);
        String head = f.head();
        f.git(tmp, "--git-dir", f.canonical.toString(), "worktree", "add", "-q", "--detach", f.work.toString(), head);
        f.state(head, List.of(), Map.of());
        return f;
    }

    /** The session branch's head in canonical. */
    String head() throws IOException {
        return git(dir, "--git-dir", canonical.toString(), "rev-parse", BRANCH).strip();
    }

    /** A commit by {@code login} on the session branch in canonical; a null content deletes the path. */
    String commitAs(String login, Map<String, String> files) throws IOException {
        writeAll(scratch, files);
        // -f: tests commit files that .gitignore matches, which stay tracked.
        git(scratch, "add", "-A", "-f");
        commit(scratch, login, "change by " + login);
        return head();
    }

    /** Writes the worktree's state file by hand; an override value of null means "absent in the base". */
    void state(String lastSynced, List<String> conflicts, Map<String, String[]> overrides) throws IOException {
        StringBuilder json = new StringBuilder("{\"session_id\":\"s1\",\"branch\":\"" + BRANCH
                + "\",\"last_synced_commit\":\"" + lastSynced + "\",\"user\":\"" + USER + "\"");
        if (!conflicts.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            conflicts.forEach(c -> quoted.add("\"" + c + "\""));
            json.append(",\"conflicts\":[").append(String.join(",", quoted)).append(']');
        }
        if (!overrides.isEmpty()) {
            List<String> entries = new ArrayList<>();
            new LinkedHashMap<>(overrides).forEach((path, e) -> entries.add("\"" + path + "\":"
                    + (e == null ? "null" : "{\"kind\":\"" + e[0] + "\",\"id\":\"" + e[1] + "\"}")));
            json.append(",\"base_overrides\":{").append(String.join(",", entries)).append('}');
        }
        json.append("}\n");
        Files.createDirectories(work.resolve(".steadystate"));
        Files.writeString(work.resolve(".steadystate").resolve("steadystate.json"), json.toString());
    }

    /** Writes a file of the worktree, creating its folders. */
    Path write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    void chmod(String path, String permissions) throws IOException {
        Files.setPosixFilePermissions(work.resolve(path), PosixFilePermissions.fromString(permissions));
    }

    /** Stores {@code content} as a blob in canonical, as a sync that records a base override has; its id. */
    String blobId(String content) throws IOException {
        Path tmp = Files.createTempFile(dir, "blob", ".txt");
        Files.writeString(tmp, content);
        return git(dir, "--git-dir", canonical.toString(), "hash-object", "-w", tmp.toString()).strip();
    }

    /** Runs git in {@code cwd} with no user or system configuration; fails unless it exits 0. */
    String git(Path cwd, String... args) throws IOException {
        return new String(gitBytes(cwd, args), UTF_8);
    }

    byte[] gitBytes(Path cwd, String... args) throws IOException {
        return run(cwd, Map.of(), args);
    }

    private byte[] run(Path cwd, Map<String, String> extraEnv, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", dir.toString());
        env.put("LC_ALL", "C");
        env.put("GIT_AUTHOR_NAME", "nobody");
        env.put("GIT_AUTHOR_EMAIL", "nobody@example.com");
        env.put("GIT_COMMITTER_NAME", "nobody");
        env.put("GIT_COMMITTER_EMAIL", "nobody@example.com");
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        env.putAll(extraEnv);
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = Thread.ofPlatform().start(() -> {
            try (InputStream in = p.getErrorStream()) {
                in.transferTo(err);
            } catch (IOException e) {
                // The process is gone; what it printed so far is enough.
            }
        });
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " did not finish");
            }
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + err.toString(UTF_8));
        }
        return out;
    }

    private void commit(Path repo, String login, String message) throws IOException {
        // Dates a day apart, so that credit shows who wrote what when.
        clock++;
        String date = "2024-05-" + String.format("%02d", clock) + "T12:00:00+00:00";
        String email = login + "@users.noreply.github.com";
        run(repo, Map.of("GIT_AUTHOR_NAME", login, "GIT_AUTHOR_EMAIL", email, "GIT_AUTHOR_DATE", date,
                "GIT_COMMITTER_NAME", login, "GIT_COMMITTER_EMAIL", email, "GIT_COMMITTER_DATE", date),
                "commit", "-q", "-m", message);
    }

    private static void writeAll(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            if (e.getValue() == null) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
        }
    }
}
