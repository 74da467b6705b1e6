package io.steadystate.merge.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merges commits of a real repository into a work tree on disk, the way a sync does. */
class TreeMergeWorkTreeTest {

    @TempDir
    Path work;

    private void write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call();
    }

    @Test
    void mergesALocalCommitIntoTheCanonicalWorkTree() throws Exception {
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            write(".gitignore", "build/\n");
            write("src/A.java", "class A {\n  int a = 1;\n  int b = 2;\n}\n");
            write("src/Same.java", "class Same {}\n");
            write("docs/old.md", "old\n");
            RevCommit base = commit(git, "base");

            write("src/A.java", "class A {\n  int a = 1;\n  int b = 20;\n}\n");
            Files.delete(work.resolve("docs/old.md"));
            write("docs/new.md", "new\n");
            RevCommit local = commit(git, "local");

            // The canonical side is the work tree itself, back at base plus its own uncommitted edits.
            git.checkout().setName(base.name()).call();
            write("src/A.java", "class A {\n  int a = 10;\n  int b = 2;\n}\n");
            write("build/out.class", "ignored");

            TreeSnapshot canonical = DirectoryTrees.read(work);
            TreeMergeResult r = new TreeMerger().merge(
                    GitTrees.read(git.getRepository(), base), GitTrees.read(git.getRepository(), local), canonical);

            assertThat(r.isClean()).isTrue();
            assertThat(r.paths()).containsExactly(".gitignore", "docs/new.md", "src/A.java", "src/Same.java");
            assertThat(new String(r.get("src/A.java").orElseThrow().read(), StandardCharsets.UTF_8))
                    .isEqualTo("class A {\n  int a = 10;\n  int b = 20;\n}\n");
            assertThat(r.get("src/Same.java").orElseThrow())
                    .isInstanceOfSatisfying(MergedEntry.Kept.class, k -> assertThat(k.isInPlace()).isTrue());
            assertThat(r.get("docs/new.md").orElseThrow())
                    .isInstanceOfSatisfying(MergedEntry.Kept.class, k -> assertThat(k.side()).isEqualTo(Side.LOCAL));
            assertThat(r.stats()).isEqualTo(new MergeStats(2, 1, 0, 0, 1, 0, 1, r.stats().bytesMerged()));
        }
    }
}
