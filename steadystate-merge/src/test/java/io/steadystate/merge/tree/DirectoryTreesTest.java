package io.steadystate.merge.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreesTest {

    @TempDir
    Path root;

    private Path write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void nestedGitignoresApplyBeneathTheirDirectoryAndDeeperOnesWin() throws IOException {
        write(".gitignore", "*.log\nbuild/\n/top-only.txt\n");
        write("a.log", "x");
        write("top-only.txt", "x");
        write("build/out.bin", "x");
        write("sub/top-only.txt", "kept: the rule is anchored to the root");
        write("sub/.gitignore", "!keep.log\nlocal-secret\n");
        write("sub/keep.log", "x");
        write("sub/drop.log", "x");
        write("sub/local-secret", "x");
        write("local-secret", "kept: the rule is only for sub/");
        write("sub/deeper/build/x.txt", "x");

        TreeSnapshot s = DirectoryTrees.read(root);

        assertThat(s.paths()).containsExactly(
                ".gitignore", "local-secret", "sub/.gitignore", "sub/keep.log", "sub/top-only.txt");
    }

    @Test
    void negationRulesReincludeFilesButNotInsideIgnoredDirectories() throws IOException {
        write(".gitignore", "*.txt\n!important.txt\nlogs/\n!logs/keep.txt\n");
        write("notes.txt", "x");
        write("important.txt", "x");
        write("logs/keep.txt", "x");
        write("docs/important.txt", "x");

        assertThat(DirectoryTrees.read(root).paths()).containsExactly(".gitignore", "docs/important.txt", "important.txt");
    }

    @Test
    void infoExcludeAppliesInAGitWorkTree() throws Exception {
        Git.init().setDirectory(root.toFile()).call().close();
        write(".git/info/exclude", "private.txt\n");
        write("private.txt", "x");
        write("dir/private.txt", "x");
        write("public.txt", "x");

        assertThat(DirectoryTrees.read(root).paths()).containsExactly("public.txt");
    }

    @Test
    void infoExcludeOfALinkedWorktreeComesFromTheCommonGitDir() throws Exception {
        Path main = root.resolve("main");
        Path linked = root.resolve("linked");
        Files.createDirectories(main.resolve(".git/info"));
        Files.createDirectories(main.resolve(".git/worktrees/linked"));
        Files.writeString(main.resolve(".git/info/exclude"), "private.txt\n");
        Files.writeString(main.resolve(".git/worktrees/linked/commondir"), "../..\n");
        Files.createDirectories(linked);
        Files.writeString(linked.resolve(".git"), "gitdir: " + main.resolve(".git/worktrees/linked") + "\n");
        Files.writeString(linked.resolve("private.txt"), "x");
        Files.writeString(linked.resolve("public.txt"), "x");

        assertThat(DirectoryTrees.read(linked).paths()).containsExactly("public.txt");
    }

    @Test
    void builtInIgnoresCannotBeNegated() throws IOException {
        write(".gitignore", "!*.swp\n!.steadystate/\n");
        write(".git/config", "x");
        write(".steadystate/session.json", "{}");
        write("src/.Main.java.swp", "x");
        write("src/.Main.java.swo", "x");
        write("src/Main.java~", "x");
        write("src/.#Main.java", "x");
        write("src/.DS_Store", "x");
        write("src/Main.java", "x");

        assertThat(DirectoryTrees.read(root).paths()).containsExactly(".gitignore", "src/Main.java");
    }

    @Test
    void gitMetadataFilesThatBelongToTheProjectAreIncluded() throws IOException {
        write(".gitignore", "target/\n");
        write(".gitattributes", "* text=auto\n");
        write(".github/workflows/ci.yml", "on: push\n");
        write(".gitmodules", "");

        assertThat(DirectoryTrees.read(root).paths())
                .containsExactly(".gitattributes", ".github/workflows/ci.yml", ".gitignore", ".gitmodules");
    }

    @Test
    void executableBitAndSymlinksAreRecordedWithoutFollowingLinks() throws IOException {
        Path script = write("bin/run", "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        write("data/file.txt", "hello\n");
        Files.createSymbolicLink(root.resolve("to-dir"), Path.of("data"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("../nowhere"));

        TreeSnapshot s = DirectoryTrees.read(root);

        assertThat(s.paths()).containsExactly("bin/run", "dangling", "data/file.txt", "to-dir");
        assertThat(s.get("bin/run").orElseThrow().kind()).isEqualTo(EntryKind.EXECUTABLE);
        assertThat(s.get("data/file.txt").orElseThrow().kind()).isEqualTo(EntryKind.FILE);
        TreeEntry link = s.get("to-dir").orElseThrow();
        assertThat(link.kind()).isEqualTo(EntryKind.SYMLINK);
        assertThat(new String(link.read(), StandardCharsets.UTF_8)).isEqualTo("data");
        assertThat(new String(s.get("dangling").orElseThrow().read(), StandardCharsets.UTF_8)).isEqualTo("../nowhere");
    }

    @Test
    void nestedRepositoriesAreSkipped() throws IOException {
        write("vendor/lib/.git/HEAD", "ref: refs/heads/main\n");
        write("vendor/lib/code.c", "x");
        write("vendor/other/.git", "gitdir: ../../.git/modules/other\n");
        write("vendor/other/code.c", "x");
        write("vendor/README", "x");

        assertThat(DirectoryTrees.read(root).paths()).containsExactly("vendor/README");
    }

    @Test
    void contentIsReadOnlyWhenAskedAndHashedAsAGitBlob() throws IOException {
        Path file = write("a.txt", "hello\n");
        TreeEntry entry = DirectoryTrees.read(root).get("a.txt").orElseThrow();
        Files.writeString(file, "changed after the walk\n");
        assertThat(new String(entry.read(), StandardCharsets.UTF_8)).isEqualTo("changed after the walk\n");
        assertThat(entry.blobId()).isEqualTo(BlobId.forContent("changed after the walk\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rootMustBeADirectory() throws IOException {
        Path file = write("f", "x");
        assertThatThrownBy(() -> DirectoryTrees.read(file)).isInstanceOf(NotDirectoryException.class);
    }
}
