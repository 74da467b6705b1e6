package io.steadystate.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/steadystate} launcher and the system {@code git} as processes: exit codes,
 * output, in-place writes, git compatibility, use as a git merge driver, bad input and {@code --batch}.
 */
class MergeFileIT {

    private static final long TIMEOUT_SECONDS = 120;
    /** A time no run of the command can give a file it writes. */
    private static final FileTime OLD = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

    private static Path launcher;

    @TempDir
    Path dir;

    @BeforeAll
    static void findLauncher() throws IOException {
        String property = System.getProperty("steadystate.launcher");
        assumeTrue(property != null, "steadystate.launcher is not set (run through failsafe)");
        launcher = Path.of(property).toAbsolutePath().normalize();
        assertThat(launcher).isExecutable();
        // The launcher rebuilds the CLI when any source under the modules, test sources included, is
        // newer than the jar; the jar plugin keeps an up-to-date jar's old time, so after a test-only
        // change every run would start a nested build. The package phase has just run: mark the jar
        // as current.
        Path target = launcher.getParent().resolveSibling("steadystate-cli").resolve("target");
        try (Stream<Path> jars = Files.list(target)) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().matches("steadystate-cli-.*\\.jar")).toList()) {
                Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Results and exit codes

    @Test
    void cleanMergeIsWrittenToCurrentInPlace() throws Exception {
        Path cur = write("cur.txt", "long x = compute(a, b);\nkeep\n");
        write("base.txt", "int x = compute(a, b);\nkeep\n");
        write("other.txt", "int x = compute(a, c);\nkeep\n");
        Set<String> before = listing();

        Run r = steadystate("merge-file", "cur.txt", "base.txt", "other.txt");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr).isEmpty();
        assertThat(Files.readString(cur)).isEqualTo("long x = compute(a, c);\nkeep\n");
        assertThat(Files.readString(dir.resolve("base.txt"))).isEqualTo("int x = compute(a, b);\nkeep\n");
        assertThat(Files.readString(dir.resolve("other.txt"))).isEqualTo("int x = compute(a, c);\nkeep\n");
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void conflictsAreWrittenInPlaceAndCountedInTheExitCode() throws Exception {
        twoConflicts();
        Run r = steadystate("merge-file", "cur.txt", "base.txt", "other.txt");

        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr).contains("2 conflict(s)").contains("cur.txt");
        assertThat(Files.readString(dir.resolve("cur.txt"))).isEqualTo("""
                a
                <<<<<<< cur.txt
                value = 2;
                =======
                value = 3;
                >>>>>>> other.txt
                b
                c
                d
                e
                <<<<<<< cur.txt
                k = 2
                =======
                k = 3
                >>>>>>> other.txt
                z
                """);
        assertThat(listing()).containsExactlyInAnyOrder("base.txt", "cur.txt", "other.txt");
    }

    @Test
    void quietDropsTheConflictWarning() throws Exception {
        twoConflicts();
        Run r = steadystate("merge-file", "-q", "cur.txt", "base.txt", "other.txt");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).isEmpty();
    }

    @Test
    void conflictCountInTheExitCodeIsCappedAt127() throws Exception {
        StringBuilder base = new StringBuilder();
        StringBuilder cur = new StringBuilder();
        StringBuilder other = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            base.append("v").append(i).append(" = 0;\nsep\nsep").append(i).append("\nsep\nsep\n");
            cur.append("v").append(i).append(" = 1;\nsep\nsep").append(i).append("\nsep\nsep\n");
            other.append("v").append(i).append(" = 2;\nsep\nsep").append(i).append("\nsep\nsep\n");
        }
        write("cur.txt", cur.toString());
        write("base.txt", base.toString());
        write("other.txt", other.toString());
        Run r = steadystate("merge-file", "-p", "cur.txt", "base.txt", "other.txt");
        assertThat(r.exit).as(r.toString()).isEqualTo(127);
        assertThat(r.stdout().lines().filter(l -> l.equals("<<<<<<< cur.txt"))).hasSize(130);
    }

    @Test
    void stdoutOptionPrintsTheResultAndLeavesCurrentAlone() throws Exception {
        Path cur = write("cur.txt", "a\nB\nc\n");
        write("base.txt", "a\nb\nc\n");
        write("other.txt", "a\nb\nC\n");
        Snapshot snap = Snapshot.of(cur);
        Set<String> before = listing();

        for (String flag : List.of("-p", "--stdout")) {
            Run r = steadystate("merge-file", flag, "cur.txt", "base.txt", "other.txt");
            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(r.stdout()).isEqualTo("a\nB\nC\n");
        }
        snap.assertUnchanged();
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void javaRegionsTheLinesCannotSettleAreMergedByStructureAndExplained() throws Exception {
        String head = "package p;\n\nclass K {\n\n    int f() {\n        return 1;\n    }\n";
        String g = "\n    int g() {\n        return 2;\n    }\n";
        String h = "\n    int h() {\n        return 3;\n    }\n";
        write("K.java", head + g + "}\n");
        write("base.java", head + "}\n");
        write("other.java", head + h + "}\n");

        Run r = steadystate("merge-file", "-p", "--explain", "K.java", "base.java", "other.java");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo(head + g + h + "}\n");
        assertThat(r.stderr()).contains("K.java: lines 8-15 (ours line 8): structure: type members merged by signature; added: method g(), method h()");

        Run lines = steadystate("merge-file", "-p", "--no-structure", "K.java", "base.java", "other.java");
        assertThat(lines.exit).as(lines.toString()).isEqualTo(1);

        // A merge driver's temporary file has no extension: --path names the file, as git's %P does.
        Files.copy(dir.resolve("K.java"), dir.resolve("tmp1"));
        Run driver = steadystate("merge-file", "-p", "--path", "src/K.java", "tmp1", "base.java", "other.java");
        assertThat(driver.exit).as(driver.toString()).isZero();
    }

    @Test
    void stdoutWithConflictsPrintsMarkersAndExitsWithTheCount() throws Exception {
        twoConflicts();
        Snapshot snap = Snapshot.of(dir.resolve("cur.txt"));
        Run r = steadystate("merge-file", "-p", "cur.txt", "base.txt", "other.txt");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stdout()).contains("<<<<<<< cur.txt\nvalue = 2;\n=======\nvalue = 3;\n>>>>>>> other.txt\n");
        snap.assertUnchanged();
    }

    @Test
    void labelsReplaceFileNamesInMarkers() throws Exception {
        oneConflict();
        Run r = steadystate("merge-file", "-p", "--diff3", "-L", "mine", "-L", "original", "-L", "yours ü",
                "cur.txt", "base.txt", "other.txt");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("""
                x
                <<<<<<< mine
                value = 2;
                ||||||| original
                value = 1;
                =======
                value = 3;
                >>>>>>> yours ü
                y
                """);

        Run some = steadystate("merge-file", "-p", "-L", "only-ours", "cur.txt", "base.txt", "other.txt");
        assertThat(some.stdout()).contains("<<<<<<< only-ours\n").contains(">>>>>>> other.txt\n");
    }

    @Test
    void diff3ShowsTheBase() throws Exception {
        write("base.txt", "top\nsame\nold\nsame2\nend\n");
        write("cur.txt", "top\nsame\nmine\nsame2\nend\n");
        write("other.txt", "top\nsame\ntheirs\nsame2\nend\n");
        Run r = steadystate("merge-file", "-p", "--diff3", "cur.txt", "base.txt", "other.txt");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("""
                top
                same
                <<<<<<< cur.txt
                mine
                ||||||| base.txt
                old
                =======
                theirs
                >>>>>>> other.txt
                same2
                end
                """);
    }

    @Test
    void zdiff3OnASimpleConflictIsLikeGitMergeFile() throws Exception {
        oneConflict();
        Run r = steadystate("merge-file", "-p", "--zdiff3", "cur.txt", "base.txt", "other.txt");
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("""
                x
                <<<<<<< cur.txt
                value = 2;
                ||||||| base.txt
                value = 1;
                =======
                value = 3;
                >>>>>>> other.txt
                y
                """);
        assertSameAsGit(List.of("--zdiff3"), "cur.txt", "base.txt", "other.txt");
    }

    @Test
    void baseSectionKeepsTheReplacedLinesWhenBothSidesShareEdgeLines() throws Exception {
        write("base.txt", "top\nold\nend\n");
        write("cur.txt", "top\nshared 1\nmine\nshared 2\nend\n");
        write("other.txt", "top\nshared 1\ntheirs\nshared 2\nend\n");
        Run z = steadystate("merge-file", "-p", "--zdiff3", "cur.txt", "base.txt", "other.txt");
        assertThat(z.exit).as(z.toString()).isEqualTo(1);
        assertThat(z.stdout()).isEqualTo("""
                top
                shared 1
                <<<<<<< cur.txt
                mine
                ||||||| base.txt
                old
                =======
                theirs
                >>>>>>> other.txt
                shared 2
                end
                """);
        assertSameAsGit(List.of("--diff3"), "cur.txt", "base.txt", "other.txt");
        assertSameAsGit(List.of("--zdiff3"), "cur.txt", "base.txt", "other.txt");
    }

    @Test
    void resolutionOptionsGiveCleanMerges() throws Exception {
        oneConflict();
        Snapshot base = Snapshot.of(dir.resolve("base.txt"));
        Run ours = steadystate("merge-file", "-p", "--ours", "cur.txt", "base.txt", "other.txt");
        Run theirs = steadystate("merge-file", "-p", "--theirs", "cur.txt", "base.txt", "other.txt");
        Run union = steadystate("merge-file", "-p", "--union", "cur.txt", "base.txt", "other.txt");
        assertThat(List.of(ours.exit, theirs.exit, union.exit)).containsOnly(0);
        assertThat(ours.stdout()).isEqualTo("x\nvalue = 2;\ny\n");
        assertThat(theirs.stdout()).isEqualTo("x\nvalue = 3;\ny\n");
        assertThat(union.stdout()).isEqualTo("x\nvalue = 2;\nvalue = 3;\ny\n");

        Run inPlace = steadystate("merge-file", "--theirs", "cur.txt", "base.txt", "other.txt");
        assertThat(inPlace.exit).isZero();
        assertThat(Files.readString(dir.resolve("cur.txt"))).isEqualTo("x\nvalue = 3;\ny\n");
        base.assertUnchanged();
    }

    @Test
    void inPlaceWriteKeepsModeAndFollowsSymlinks() throws Exception {
        oneConflict();
        Path real = dir.resolve("cur.txt");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-x---"));
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real.getFileName());
        Run r = steadystate("merge-file", "--ours", "link.txt", "base.txt", "other.txt");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("x\nvalue = 2;\ny\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rwxr-x---");
        assertThat(listing()).containsExactlyInAnyOrder("base.txt", "cur.txt", "other.txt", "link.txt");
    }

    // ---------------------------------------------------------------------------------------------
    // Same output as git merge-file

    @Test
    void conflictOutputIsByteIdenticalToGitMergeFile() throws Exception {
        oneConflict();
        for (List<String> style : List.of(List.<String>of(), List.of("--diff3"))) {
            assertSameAsGit(style, "cur.txt", "base.txt", "other.txt");
            assertSameAsGit(concat(style, List.of("-L", "ours", "-L", "base", "-L", "theirs")),
                    "cur.txt", "base.txt", "other.txt");
        }
    }

    @Test
    void conflictAtTheEndAndCleanChangesAreLikeGitMergeFile() throws Exception {
        write("base.txt", "head\none\ntwo\nthree\nfour\nfive\nsix\nlast = 0\n");
        write("cur.txt", "HEAD\none\ntwo\nthree\nfour\nfive\nsix\nlast = 1\n");
        write("other.txt", "head\none\ntwo\nthree\nfour\nfive\nsix\nlast = 2\nmore\n");
        for (List<String> style : List.of(List.<String>of(), List.of("--diff3"))) {
            assertSameAsGit(style, "cur.txt", "base.txt", "other.txt");
        }
        write("other.txt", "head\none\ntwo\nTHREE\nfour\nfive\nsix\nlast = 0\n");
        assertSameAsGit(List.of(), "cur.txt", "base.txt", "other.txt");
    }

    @Test
    void nearbyConflictsAreJoinedAsGitMergeFileDoes() throws Exception {
        twoConflicts();
        assertSameAsGit(List.of(), "cur.txt", "base.txt", "other.txt");
    }

    private void assertSameAsGit(List<String> options, String cur, String base, String other) throws Exception {
        List<String> args = concat(List.of("merge-file", "-p"), options, List.of(cur, base, other));
        Run ours = steadystate(args.toArray(String[]::new));
        Run git = run(concat(List.of("git"), args));
        assertThat(ours.stdout()).as("output for %s", options).isEqualTo(git.stdout());
        assertThat(ours.exit).as("exit code for %s", options).isEqualTo(git.exit);
    }

    // ---------------------------------------------------------------------------------------------
    // As a git merge driver

    @Test
    void mergesAsAGitDriverWhereTheDefaultDriverConflicts() throws Exception {
        Path repo = Files.createDirectory(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Test");
        git(repo, "config", "user.email", "test@example.com");
        git(repo, "config", "commit.gpgsign", "false");
        Files.writeString(repo.resolve("Calc.java"), "class Calc {\n    int x = compute(a, b);\n}\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "theirs");
        Files.writeString(repo.resolve("Calc.java"), "class Calc {\n    int x = compute(a, c);\n}\n");
        git(repo, "commit", "-q", "-am", "change the argument");
        git(repo, "checkout", "-q", "main");
        Files.writeString(repo.resolve("Calc.java"), "class Calc {\n    long x = compute(a, b);\n}\n");
        git(repo, "commit", "-q", "-am", "change the type");

        Run plain = run(repo, List.of("git", "merge", "--no-edit", "theirs"));
        assertThat(plain.exit).as("git's own merge conflicts: " + plain).isNotZero();
        git(repo, "merge", "--abort");

        Files.writeString(repo.resolve(".gitattributes"), "*.java merge=steadystate\n");
        git(repo, "add", ".gitattributes");
        git(repo, "commit", "-q", "-m", "use steadystate");
        git(repo, "config", "merge.steadystate.driver", "'" + launcher + "' merge-file %A %O %B");
        Run merged = run(repo, List.of("git", "merge", "--no-edit", "theirs"));

        assertThat(merged.exit).as(merged.toString()).isZero();
        assertThat(Files.readString(repo.resolve("Calc.java"))).isEqualTo("class Calc {\n    long x = compute(a, c);\n}\n");
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void gitDriverLeavesMarkersAndReportsAConflict() throws Exception {
        Path repo = Files.createDirectory(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Test");
        git(repo, "config", "user.email", "test@example.com");
        git(repo, "config", "commit.gpgsign", "false");
        git(repo, "config", "merge.steadystate.driver", "'" + launcher + "' merge-file -L ours -L base -L theirs %A %O %B");
        Files.writeString(repo.resolve(".gitattributes"), "*.txt merge=steadystate\n");
        Files.writeString(repo.resolve("f.txt"), "value = 1;\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "theirs");
        Files.writeString(repo.resolve("f.txt"), "value = 3;\n");
        git(repo, "commit", "-q", "-am", "three");
        git(repo, "checkout", "-q", "main");
        Files.writeString(repo.resolve("f.txt"), "value = 2;\n");
        git(repo, "commit", "-q", "-am", "two");

        Run merged = run(repo, List.of("git", "merge", "--no-edit", "theirs"));
        assertThat(merged.exit).isNotZero();
        assertThat(Files.readString(repo.resolve("f.txt")))
                .isEqualTo("<<<<<<< ours\nvalue = 2;\n=======\nvalue = 3;\n>>>>>>> theirs\n");
        assertThat(git(repo, "status", "--porcelain")).contains("UU f.txt");
    }

    // ---------------------------------------------------------------------------------------------
    // Bad input: exit 255, a clear message, nothing written

    @Test
    void missingFile() throws Exception {
        Path cur = write("cur.txt", "a\nB\n");
        write("other.txt", "A\nb\n");
        Snapshot snap = Snapshot.of(cur);
        Set<String> before = listing();

        Run r = steadystate("merge-file", "cur.txt", "nope.txt", "other.txt");

        assertThat(r.exit).isEqualTo(255);
        assertThat(r.stderr).contains("nope.txt").contains("no such file");
        assertThat(r.stdout()).isEmpty();
        snap.assertUnchanged();
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void missingCurrentIsNotCreated() throws Exception {
        write("base.txt", "a\n");
        write("other.txt", "b\n");
        Run r = steadystate("merge-file", "cur.txt", "base.txt", "other.txt");
        assertThat(r.exit).isEqualTo(255);
        assertThat(r.stderr).contains("cur.txt").contains("no such file");
        assertThat(listing()).containsExactlyInAnyOrder("base.txt", "other.txt");
    }

    @Test
    void unreadableFile() throws Exception {
        Path cur = write("cur.txt", "a\nB\n");
        write("base.txt", "a\nb\n");
        Path other = write("other.txt", "A\nb\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("---------"));
        try {
            assumeTrue(!Files.isReadable(other), "this user can read a file with mode 000 (root)");
            Snapshot snap = Snapshot.of(cur);
            Set<String> before = listing();
            Run r = steadystate("merge-file", "cur.txt", "base.txt", "other.txt");
            assertThat(r.exit).isEqualTo(255);
            assertThat(r.stderr).contains("other.txt").contains("permission denied");
            snap.assertUnchanged();
            assertThat(listing()).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void directoryGivenAsAFile() throws Exception {
        Path cur = write("cur.txt", "a\nB\n");
        write("base.txt", "a\nb\n");
        Files.createDirectory(dir.resolve("other"));
        Snapshot snap = Snapshot.of(cur);
        Set<String> before = listing();

        Run r = steadystate("merge-file", "cur.txt", "base.txt", "other");

        assertThat(r.exit).isEqualTo(255);
        assertThat(r.stderr).contains("other").contains("is a directory");
        snap.assertUnchanged();
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void directoryGivenAsCurrent() throws Exception {
        Files.createDirectory(dir.resolve("cur"));
        write("base.txt", "a\nb\n");
        write("other.txt", "A\nb\n");
        Run r = steadystate("merge-file", "cur", "base.txt", "other.txt");
        assertThat(r.exit).isEqualTo(255);
        assertThat(r.stderr).contains("cur").contains("is a directory");
        assertThat(listing()).containsExactlyInAnyOrder("cur", "base.txt", "other.txt");
    }

    @Test
    void binaryFilesChangedOnBothSides() throws Exception {
        Path cur = Files.write(dir.resolve("cur.bin"), new byte[] {1, 0, 2, 3});
        Files.write(dir.resolve("base.bin"), new byte[] {1, 0, 2});
        Files.write(dir.resolve("other.bin"), new byte[] {1, 0, 2, 4});
        Snapshot snap = Snapshot.of(cur);
        Set<String> before = listing();

        Run r = steadystate("merge-file", "cur.bin", "base.bin", "other.bin");
        Run p = steadystate("merge-file", "-p", "cur.bin", "base.bin", "other.bin");

        assertThat(r.exit).isEqualTo(255);
        assertThat(r.stderr).contains("binary").contains("cur.bin");
        assertThat(p.exit).isEqualTo(255);
        assertThat(p.out).isEmpty();
        snap.assertUnchanged();
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void binaryFileChangedOnOneSideMerges() throws Exception {
        Path cur = Files.write(dir.resolve("cur.bin"), new byte[] {1, 0, 2});
        Files.write(dir.resolve("base.bin"), new byte[] {1, 0, 2});
        Files.write(dir.resolve("other.bin"), new byte[] {1, 0, 2, 4});
        Run r = steadystate("merge-file", "cur.bin", "base.bin", "other.bin");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(cur)).containsExactly(1, 0, 2, 4);
    }

    @Test
    void fileOver128MiB() throws Exception {
        Path cur = write("cur.txt", "a\nB\n");
        write("base.txt", "a\nb\n");
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.txt").toFile(), "rw")) {
            big.setLength((128L << 20) + 1); // sparse: takes no disk space
        }
        Snapshot snap = Snapshot.of(cur);
        Set<String> before = listing();

        Run r = steadystate("merge-file", "cur.txt", "base.txt", "big.txt");

        assertThat(r.exit).isEqualTo(255);
        assertThat(r.stderr).contains("big.txt").contains("128 MiB");
        snap.assertUnchanged();
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void pathsWithSpacesAndNonAsciiCharacters() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("dossier été"));
        Path cur = Files.writeString(sub.resolve("ü ñ.txt"), "a\nB\nc\n");
        Files.writeString(sub.resolve("base ü.txt"), "a\nb\nc\n");
        Files.writeString(sub.resolve("other ñ.txt"), "a\nb\nC\n");

        Run r = steadystate("merge-file", "dossier été/ü ñ.txt", "dossier été/base ü.txt", "dossier été/other ñ.txt");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(Files.readString(cur)).isEqualTo("a\nB\nC\n");
        try (Stream<Path> files = Files.list(sub)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("ü ñ.txt", "base ü.txt", "other ñ.txt");
        }

        Files.writeString(cur, "a\nX\nc\n");
        Files.writeString(sub.resolve("other ñ.txt"), "a\nY\nc\n");
        Run conflict = steadystate("merge-file", "-p", "dossier été/ü ñ.txt", "dossier été/base ü.txt",
                "dossier été/other ñ.txt");
        assertThat(conflict.exit).isEqualTo(1);
        assertThat(conflict.stdout()).contains("<<<<<<< dossier été/ü ñ.txt\n")
                .contains(">>>>>>> dossier été/other ñ.txt\n");

        Run missing = steadystate("merge-file", "dossier été/ü ñ.txt", "dossier été/gône ü.txt",
                "dossier été/other ñ.txt");
        assertThat(missing.exit).isEqualTo(255);
        assertThat(missing.stderr).contains("dossier été/gône ü.txt").contains("no such file");
    }

    // ---------------------------------------------------------------------------------------------
    // Wrong usage: exit 129

    @Test
    void wrongUsage() throws Exception {
        Path cur = write("cur.txt", "a\nB\n");
        write("base.txt", "a\nb\n");
        write("other.txt", "A\nb\n");
        Snapshot snap = Snapshot.of(cur);
        Set<String> before = listing();

        assertUsage(steadystate(), "a command is required");
        assertUsage(steadystate("merge-file"), "expected CURRENT BASE OTHER");
        assertUsage(steadystate("merge-file", "cur.txt", "base.txt"), "expected CURRENT BASE OTHER");
        assertUsage(steadystate("merge-file", "cur.txt", "base.txt", "other.txt", "cur.txt"), "CURRENT BASE OTHER");
        assertUsage(steadystate("merge-file", "--bogus", "cur.txt", "base.txt", "other.txt"), "--bogus");
        assertUsage(steadystate("merge-file", "--ours", "--theirs", "cur.txt", "base.txt", "other.txt"),
                "mutually exclusive");
        assertUsage(steadystate("merge-file", "--diff3", "--zdiff3", "cur.txt", "base.txt", "other.txt"),
                "mutually exclusive");
        assertUsage(steadystate("merge-file", "-L", "a", "-L", "b", "-L", "c", "-L", "d",
                "cur.txt", "base.txt", "other.txt"), "at most three -L");
        assertUsage(steadystate("merge-file", "--batch", "list.txt", "cur.txt", "base.txt", "other.txt"), "--batch");
        assertUsage(steadystate("no-such-command"), "no-such-command");

        snap.assertUnchanged();
        assertThat(listing()).isEqualTo(before);
    }

    private static void assertUsage(Run r, String message) {
        assertThat(r.exit).as(r.toString()).isEqualTo(129);
        assertThat(r.stderr).as(r.toString()).contains(message).contains("--help");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        Run help = steadystate("--help");
        assertThat(help.exit).isZero();
        assertThat(help.stdout()).contains("merge-file");
        Run commandHelp = steadystate("help", "merge-file");
        assertThat(commandHelp.exit).isZero();
        assertThat(commandHelp.stdout()).contains("CURRENT").contains("--diff3").contains("--batch");
        Run version = steadystate("--version");
        assertThat(version.exit).isZero();
        assertThat(version.stdout()).startsWith("steadystate ");
    }

    @Test
    void mergeFileHelpOptionWorks() throws Exception {
        Run help = steadystate("merge-file", "--help");
        assertThat(help.exit).as(help.toString()).isZero();
        assertThat(help.stdout()).contains("CURRENT").contains("--diff3").contains("--batch");
    }

    @Test
    void mergeFileHelpPrintsNoWarning() throws Exception {
        Run help = steadystate("help", "merge-file");
        assertThat(help.exit).isZero();
        assertThat(help.stderr).isEmpty();
        assertThat(help.stdout()).contains("  git config merge.steadystate.driver \"steadystate merge-file %A %O %B\"\n");
    }

    // ---------------------------------------------------------------------------------------------
    // --batch

    @Test
    void batchMergesEveryLineAndReportsInOrder() throws Exception {
        Path cleanCur = write("clean-cur.txt", "long x = f(a, b);\n");
        write("clean-base.txt", "int x = f(a, b);\n");
        write("clean-other.txt", "int x = f(a, c);\n");
        Path conflictCur = write("c-cur.txt", "v = 2;\n");
        write("c-base.txt", "v = 1;\n");
        write("c-other.txt", "v = 3;\n");
        Files.write(dir.resolve("b-cur.bin"), new byte[] {0, 1});
        Files.write(dir.resolve("b-base.bin"), new byte[] {0, 2});
        Files.write(dir.resolve("b-other.bin"), new byte[] {0, 3});
        Files.createDirectory(dir.resolve("out"));
        Snapshot cleanSnap = Snapshot.of(cleanCur);
        Snapshot conflictSnap = Snapshot.of(conflictCur);

        String d = dir.toString();
        List<String> lines = List.of(
                String.join("\t", d + "/clean-cur.txt", d + "/clean-base.txt", d + "/clean-other.txt", d + "/out/clean.txt"),
                String.join("\t", d + "/c-cur.txt", d + "/missing.txt", d + "/c-other.txt", d + "/out/missing.txt"),
                "",
                String.join("\t", d + "/c-cur.txt", d + "/c-base.txt", d + "/c-other.txt", d + "/out/conflict.txt"),
                "only\ttwo fields",
                String.join("\t", d + "/b-cur.bin", d + "/b-base.bin", d + "/b-other.bin", d + "/out/binary.bin"),
                String.join("\t", d + "/c-cur.txt", d + "/c-base.txt", d + "/out", d + "/out/dir.txt"));
        Files.write(dir.resolve("list.tsv"), lines);
        Set<String> before = listing();

        Run r = steadystate("merge-file", "--batch", "list.tsv");

        assertThat(r.exit).as(r.toString()).isZero();
        List<String> out = r.stdout().lines().toList();
        assertThat(out).hasSize(7);
        assertThat(out.get(0)).isEqualTo(d + "/out/clean.txt\tclean");
        assertThat(out.get(1)).startsWith(d + "/out/missing.txt\terror\t").contains("missing.txt").contains("no such file");
        assertThat(out.get(2)).isEqualTo(d + "/out/conflict.txt\tconflicts=1");
        assertThat(out.get(3)).startsWith("line 5\terror\t").contains("CURRENT<TAB>BASE<TAB>OTHER<TAB>OUTPUT");
        assertThat(out.get(4)).startsWith(d + "/out/binary.bin\terror\t").contains("binary");
        assertThat(out.get(5)).startsWith(d + "/out/dir.txt\terror\t").contains("is a directory");
        assertThat(out.get(6)).isEqualTo("summary\tscenarios=6\tclean=1\tconflicted=1\terrors=4");

        assertThat(Files.readString(dir.resolve("out/clean.txt"))).isEqualTo("long x = f(a, c);\n");
        assertThat(Files.readString(dir.resolve("out/conflict.txt")))
                .startsWith("<<<<<<< " + d + "/c-cur.txt\nv = 2;\n").contains("v = 3;\n");
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("clean.txt", "conflict.txt");
        }
        cleanSnap.assertUnchanged();
        conflictSnap.assertUnchanged();
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void batchWithRelativePathsAndAnEmptyList() throws Exception {
        write("cur.txt", "a\nB\nc\n");
        write("base.txt", "a\nb\nc\n");
        write("other.txt", "a\nb\nC\n");
        Files.writeString(dir.resolve("list.tsv"), "cur.txt\tbase.txt\tother.txt\tmerged ü.txt\n");
        Run r = steadystate("merge-file", "--batch", "list.tsv");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("merged ü.txt\tclean\nsummary\tscenarios=1\tclean=1\tconflicted=0\terrors=0\n");
        assertThat(Files.readString(dir.resolve("merged ü.txt"))).isEqualTo("a\nB\nC\n");
        assertThat(Files.readString(dir.resolve("cur.txt"))).isEqualTo("a\nB\nc\n");

        Files.writeString(dir.resolve("empty.tsv"), "");
        Run empty = steadystate("merge-file", "--batch", "empty.tsv");
        assertThat(empty.exit).isZero();
        assertThat(empty.stdout()).isEqualTo("summary\tscenarios=0\tclean=0\tconflicted=0\terrors=0\n");
    }

    @Test
    void missingBatchFile() throws Exception {
        Run r = steadystate("merge-file", "--batch", "nope.tsv");
        assertThat(r.exit).isEqualTo(255);
        assertThat(r.stderr).contains("nope.tsv").contains("no such file");
        assertThat(r.stdout()).isEmpty();
        assertThat(listing()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Fixtures

    /** Two conflicting one-line changes, four unchanged lines apart. */
    private void twoConflicts() throws IOException {
        write("base.txt", "a\nvalue = 1;\nb\nc\nd\ne\nk = 1\nz\n");
        write("cur.txt", "a\nvalue = 2;\nb\nc\nd\ne\nk = 2\nz\n");
        write("other.txt", "a\nvalue = 3;\nb\nc\nd\ne\nk = 3\nz\n");
    }

    private void oneConflict() throws IOException {
        write("base.txt", "x\nvalue = 1;\ny\n");
        write("cur.txt", "x\nvalue = 2;\ny\n");
        write("other.txt", "x\nvalue = 3;\ny\n");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Set<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    /** A file's bytes and modification time, set to a time no run of the command can give it. */
    private record Snapshot(Path file, byte[] bytes) {
        static Snapshot of(Path file) throws IOException {
            Files.setLastModifiedTime(file, OLD);
            return new Snapshot(file, Files.readAllBytes(file));
        }

        void assertUnchanged() throws IOException {
            assertThat(Files.readAllBytes(file)).as("content of %s", file).isEqualTo(bytes);
            assertThat(Files.getLastModifiedTime(file)).as("modification time of %s", file).isEqualTo(OLD);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Processes

    private record Run(List<String> command, int exit, byte[] out, String stderr) {
        String stdout() {
            return new String(out, UTF_8);
        }

        @Override
        public String toString() {
            return command + " exited " + exit + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr;
        }
    }

    private Run steadystate(String... args) throws Exception {
        return run(concat(List.of(launcher.toString()), Arrays.asList(args)));
    }

    private Run run(List<String> command) throws Exception {
        return run(dir, command);
    }

    private String git(Path repo, String... args) throws Exception {
        Run r = run(repo, concat(List.of("git"), Arrays.asList(args)));
        assertThat(r.exit).as(r.toString()).isZero();
        return r.stdout();
    }

    /** Runs a command in {@code cwd}, with output captured outside it so that it leaves no files there. */
    private static Run run(Path cwd, List<String> command) throws Exception {
        Path out = Files.createTempFile("steadystate-it-", ".out");
        Path err = Files.createTempFile("steadystate-it-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(command, p.exitValue(), Files.readAllBytes(out), Files.readString(err, UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
