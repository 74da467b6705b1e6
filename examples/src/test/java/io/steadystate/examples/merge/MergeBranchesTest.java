package io.steadystate.examples.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeBranchesTest {

    @Test
    void mergesTwoBranchesInMemory(@TempDir Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("App.java"), "class App {\n    int port = 80;\n    String host = \"a\";\n}\n");
            Files.writeString(dir.resolve("notes.txt"), "v1\n");
            commitAll(git, "base");
            git.branchCreate().setName("side").call();
            Files.writeString(dir.resolve("App.java"), "class App {\n    int port = 8080;\n    String host = \"a\";\n}\n");
            Files.writeString(dir.resolve("notes.txt"), "main\n");
            commitAll(git, "main edits");
            git.checkout().setName("side").call();
            Files.writeString(dir.resolve("App.java"), "class App {\n    long port = 80;\n    String host = \"b\";\n}\n");
            Files.writeString(dir.resolve("notes.txt"), "side\n");
            commitAll(git, "side edits");
            String appOnDisk = Files.readString(dir.resolve("App.java"));

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean clean = MergeBranches.run(dir, "main", "side", new PrintStream(bytes, true, StandardCharsets.UTF_8));

            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(clean).isFalse();
            assertThat(out).contains("merged   App.java").contains("conflict notes.txt [content]");
            // The work tree is not touched: the merge happens in memory.
            assertThat(Files.readString(dir.resolve("App.java"))).isEqualTo(appOnDisk);
        }
    }

    private static void commitAll(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("Ex Ample", "ex@example.invalid")
                .setCommitter("Ex Ample", "ex@example.invalid").setSign(false).call();
    }
}
