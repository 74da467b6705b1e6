package io.steadystate.merge.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTreesTest {

    @TempDir
    Path dir;

    /** Writes a small work tree with every kind of entry git can hold in a checkout. */
    private static void populate(Path root) throws IOException {
        Files.createDirectories(root.resolve("src/main"));
        Files.writeString(root.resolve("README.md"), "hello\n");
        Files.writeString(root.resolve("src/main/App.java"), "class App {}\n");
        Files.writeString(root.resolve(".gitignore"), "*.log\n");
        Path script = Files.writeString(root.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("src/main/App.java"));
    }

    private static RevCommit commitAll(Git git) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage("init").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call();
    }

    private static Map<String, String> describe(TreeSnapshot s) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (TreeEntry e : s.entries()) {
            out.put(e.path(), e.kind() + " " + e.blobId());
        }
        return out;
    }

    @Test
    void readsACommitWithKindsAndLazyContent() throws Exception {
        Path work = dir.resolve("jgit");
        populate(work);
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            RevCommit commit = commitAll(git);
            TreeSnapshot s = GitTrees.read(git.getRepository(), commit);
            assertThat(s.paths()).containsExactly(".gitignore", "README.md", "link", "run.sh", "src/main/App.java");
            assertThat(s.get("run.sh").orElseThrow().kind()).isEqualTo(EntryKind.EXECUTABLE);
            assertThat(s.get("README.md").orElseThrow().kind()).isEqualTo(EntryKind.FILE);
            TreeEntry link = s.get("link").orElseThrow();
            assertThat(link.kind()).isEqualTo(EntryKind.SYMLINK);
            assertThat(new String(link.read(), StandardCharsets.UTF_8)).isEqualTo("src/main/App.java");
            assertThat(new String(s.get("README.md").orElseThrow().read(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            assertThat(s.get("README.md").orElseThrow().blobId().hex()).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");

            assertThat(GitTrees.read(git.getRepository(), commit.getTree())).isEqualTo(s);
            assertThat(GitTrees.read(git.getRepository(), "HEAD")).isEqualTo(s);
            ObjectId blob = GitTrees.toObjectId(s.get("README.md").orElseThrow().blobId());
            assertThatThrownBy(() -> GitTrees.read(git.getRepository(), blob)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> GitTrees.read(git.getRepository(), "nope")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsGitlinksAsSubmoduleCommits() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call(); ObjectInserter ins = git.getRepository().newObjectInserter()) {
            Repository repo = git.getRepository();
            ObjectId blob = ins.insert(Constants.OBJ_BLOB, "x\n".getBytes(StandardCharsets.UTF_8));
            ObjectId sub = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
            TreeFormatter inner = new TreeFormatter();
            inner.append("lib", FileMode.GITLINK, sub);
            ObjectId innerId = ins.insert(inner);
            TreeFormatter root = new TreeFormatter();
            root.append("a.txt", FileMode.REGULAR_FILE, blob);
            root.append("deps", FileMode.TREE, innerId);
            ObjectId rootId = ins.insert(root);
            ins.flush();

            TreeSnapshot s = GitTrees.read(repo, rootId);
            TreeEntry link = s.get("deps/lib").orElseThrow();
            assertThat(link.kind()).isEqualTo(EntryKind.GITLINK);
            assertThat(link.blobId().hex()).isEqualTo(sub.name());
            assertThat(new String(link.read(), StandardCharsets.US_ASCII)).isEqualTo(sub.name());
        }
    }

    @Test
    void aRepositoryMadeByTheGitCommandReadsTheSameAsOneMadeByJGit() throws Exception {
        assumeTrue(gitAvailable(), "git not installed");
        Path viaJgit = dir.resolve("jgit");
        Path viaCli = dir.resolve("cli");
        populate(viaJgit);
        populate(viaCli);
        TreeSnapshot fromJgit;
        try (Git git = Git.init().setDirectory(viaJgit.toFile()).call()) {
            fromJgit = GitTrees.read(git.getRepository(), commitAll(git));
            git(viaCli, "init", "-q");
            git(viaCli, "add", ".");
            git(viaCli, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                    "commit", "-q", "-m", "init");
            try (Git cli = Git.open(viaCli.toFile())) {
                TreeSnapshot fromCli = GitTrees.read(cli.getRepository(), "HEAD");
                assertThat(describe(fromCli)).isEqualTo(describe(fromJgit));
                // A directory hashes the same as the committed tree, so identical files are recognised.
                assertThat(describe(DirectoryTrees.read(viaCli))).isEqualTo(describe(fromCli));
            }
        }
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void git(Path cwd, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", cwd.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
