package io.steadystate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A session folder made the way the local provider makes one, with the system git: a source
 * repository, {@code canonical/} (bare) with the session branch, {@code sync-log}, and worktrees added
 * with {@code git worktree add --detach}.
 */
final class SessionFixture {

    static final String BRANCH = "steadystate/collab/s1";

    final Path dir;
    final Path canonical;

    private SessionFixture(Path dir) {
        this.dir = dir;
        this.canonical = dir.resolve("canonical");
    }

    /** A session whose first commit holds {@code files} (path → content). */
    static SessionFixture create(Path tmp, Map<String, String> files) throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source);
        git(source, "init", "-q", "-b", "main");
        for (var f : files.entrySet()) {
            write(source.resolve(f.getKey()), f.getValue());
        }
        return createFrom(tmp, source);
    }

    /** A session cloned from an existing repository {@code source} (its branch main). */
    static SessionFixture createFrom(Path tmp, Path source) throws Exception {
        return createFrom(tmp, source, true);
    }

    /** As {@link #createFrom(Path, Path)}; {@code addAll} false commits the index as the test staged it. */
    static SessionFixture createFrom(Path tmp, Path source, boolean addAll) throws Exception {
        if (addAll) {
            git(source, "add", "-A");
        }
        git(source, "-c", "user.name=init", "-c", "user.email=init@example.com", "commit", "-q", "--allow-empty", "-m", "initial");
        SessionFixture s = new SessionFixture(tmp.resolve("session"));
        Files.createDirectories(s.dir);
        git(tmp, "clone", "-q", "--bare", source.toString(), s.canonical.toString());
        git(s.canonical, "branch", BRANCH, "main");
        Files.writeString(s.canonical.resolve("info").resolve("exclude"), ".steadystate/\n");
        Files.writeString(s.dir.resolve("sync-log"), "");
        Files.createDirectories(s.dir.resolve("users"));
        return s;
    }

    /** Adds {@code login}'s worktree at the session branch's head. */
    Worktree join(String login) throws Exception {
        Path work = dir.resolve("users").resolve(login).resolve("work");
        Files.createDirectories(work.getParent());
        String head = head().name();
        git(dir, "--git-dir", canonical.toString(), "worktree", "add", "-q", "--detach", work.toString(), head);
        Files.createDirectories(work.resolve(".steadystate"));
        WorktreeState.initial("s1", BRANCH, head, login).write(work.resolve(".steadystate/steadystate.json"));
        return Worktree.open(work);
    }

    ObjectId head() throws IOException {
        try (Repository r = repo()) {
            return r.exactRef("refs/heads/" + BRANCH).getObjectId();
        }
    }

    Repository repo() throws IOException {
        return new FileRepositoryBuilder().setGitDir(canonical.toFile()).setBare().setMustExist(true).build();
    }

    /** The session branch's tree, read fully (path → content as text). */
    Map<String, String> tree() throws IOException {
        try (Repository r = repo()) {
            TreeSnapshot t = GitTrees.read(r, head());
            Map<String, String> out = new java.util.TreeMap<>();
            for (var e : t.entries()) {
                out.put(e.path(), new String(e.read(), StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    String show(String path) throws Exception {
        return git(dir, "--git-dir", canonical.toString(), "show", BRANCH + ":" + path);
    }

    List<String> syncLog() throws IOException {
        return Files.readAllLines(dir.resolve("sync-log"));
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static String git(Path cwd, String... args) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", cwd.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
