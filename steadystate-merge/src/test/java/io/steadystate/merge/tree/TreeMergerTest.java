package io.steadystate.merge.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeMergerTest {

    private static final TreeMerger MERGER = new TreeMerger();
    private static final byte[] BINARY_BASE = {0, 1, 2, 3};
    private static final byte[] BINARY_LOCAL = {0, 1, 2, 4};
    private static final byte[] BINARY_CANONICAL = {0, 1, 2, 5};

    private static TreeEntry file(String path, String content) {
        return entry(path, EntryKind.FILE, content);
    }

    private static TreeEntry entry(String path, EntryKind kind, String content) {
        return TreeEntry.of(path, kind, content.getBytes(StandardCharsets.UTF_8));
    }

    private static TreeSnapshot tree(TreeEntry... entries) {
        return TreeSnapshot.of(entries);
    }

    private static String text(TreeMergeResult r, String path) throws IOException {
        return new String(r.get(path).orElseThrow().read(), StandardCharsets.UTF_8);
    }

    private static TreeMergeResult merge(TreeSnapshot base, TreeSnapshot local, TreeSnapshot canonical) throws IOException {
        return MERGER.merge(base, local, canonical);
    }

    @Test
    void unchangedPathsAreKeptInPlaceFromCanonical() throws IOException {
        TreeSnapshot t = tree(file("a", "1\n"), file("b/c", "2\n"));
        TreeMergeResult r = merge(t, t, t);
        assertThat(r.isClean()).isTrue();
        assertThat(r.paths()).containsExactly("a", "b/c");
        assertThat(r.entries()).allSatisfy(e -> assertThat(((MergedEntry.Kept) e).isInPlace()).isTrue());
        assertThat(r.stats()).isEqualTo(new MergeStats(2, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void changesOfOnlyOneSideAreTaken() throws IOException {
        TreeSnapshot base = tree(file("mod-l", "b\n"), file("del-l", "b\n"), file("mod-c", "b\n"), file("del-c", "b\n"));
        TreeSnapshot local = tree(file("mod-l", "L\n"), file("mod-c", "b\n"), file("del-c", "b\n"), file("add-l", "L\n"));
        TreeSnapshot canonical = tree(file("mod-l", "b\n"), file("del-l", "b\n"), file("mod-c", "C\n"), file("add-c", "C\n"));

        TreeMergeResult r = merge(base, local, canonical);

        assertThat(r.isClean()).isTrue();
        assertThat(r.paths()).containsExactly("add-c", "add-l", "mod-c", "mod-l");
        assertThat(text(r, "mod-l")).isEqualTo("L\n");
        assertThat(text(r, "add-l")).isEqualTo("L\n");
        assertThat(text(r, "mod-c")).isEqualTo("C\n");
        assertThat(((MergedEntry.Kept) r.get("mod-l").orElseThrow()).side()).isEqualTo(Side.LOCAL);
        assertThat(((MergedEntry.Kept) r.get("mod-c").orElseThrow()).isInPlace()).isTrue();
        assertThat(r.stats()).isEqualTo(new MergeStats(0, 2, 2, 0, 0, 0, 2, 0));
    }

    @Test
    void identicalChangesOnBothSidesAreTakenOnce() throws IOException {
        TreeSnapshot base = tree(file("a", "1\n"), file("gone", "x\n"));
        TreeSnapshot both = tree(file("a", "2\n"), file("new", "n\n"));
        TreeMergeResult r = merge(base, both, both);
        assertThat(r.isClean()).isTrue();
        assertThat(r.paths()).containsExactly("a", "new");
        assertThat(text(r, "a")).isEqualTo("2\n");
        assertThat(r.stats()).isEqualTo(new MergeStats(0, 0, 0, 2, 0, 0, 1, 0));
    }

    @Test
    void textChangedOnBothSidesIsMerged() throws IOException {
        TreeMergeResult r = merge(
                tree(file("f", "a\nb\nc\n")), tree(file("f", "a\nb\nC\n")), tree(file("f", "A\nb\nc\n")));
        assertThat(r.isClean()).isTrue();
        assertThat(text(r, "f")).isEqualTo("A\nb\nC\n");
        assertThat(r.get("f").orElseThrow()).isInstanceOf(MergedEntry.Written.class);
        assertThat(r.stats().textMergedClean()).isEqualTo(1);
        assertThat(r.stats().bytesMerged()).isEqualTo(6);
    }

    @Test
    void overlappingTextChangesLeaveMarkersAndAContentConflict() throws IOException {
        TreeMergeResult r = merge(tree(file("f", "x = 1\n")), tree(file("f", "x = 2\n")), tree(file("f", "x = 3\n")));
        assertThat(text(r, "f")).isEqualTo(
                "<<<<<<< canonical\nx = 3\n||||||| base\nx = 1\n=======\nx = 2\n>>>>>>> local\n");
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("f");
            assertThat(c.kind()).isEqualTo(ConflictKind.CONTENT);
            assertThat(c.message()).contains("1 conflict");
        });
        assertThat(r.stats().conflicts()).isEqualTo(1);
    }

    @Test
    void filesAddedOnBothSidesDifferentlyConflictEvenWhenInsertionsAreOrdered() throws IOException {
        // Two unrelated new files are not two insertions to interleave: their concatenation is a file
        // nobody wrote.
        TreeSnapshot local = tree(file("n", "from local\n"));
        TreeSnapshot canonical = tree(file("n", "from canonical\n"));
        TreeMergeResult r = merge(TreeSnapshot.empty(), local, canonical);
        assertThat(r.conflicts()).extracting(TreeConflict::kind).containsExactly(ConflictKind.CONTENT);
        assertThat(text(r, "n")).contains("<<<<<<< canonical", "from canonical", "from local", ">>>>>>> local");
    }

    @Test
    void aFileAddedOnBothSidesWhereOneExtendsTheOtherTakesTheLongerOne() throws IOException {
        TreeMergeResult r = merge(TreeSnapshot.empty(), tree(file("n", "a\nb\n")), tree(file("n", "a\n")));
        assertThat(r.isClean()).isTrue();
        assertThat(text(r, "n")).isEqualTo("a\nb\n");
    }

    @Test
    void deletedOnOneSideAndModifiedOnTheOtherKeepsTheModifiedVersion() throws IOException {
        TreeSnapshot base = tree(file("a", "1\n"), file("b", "1\n"));
        TreeSnapshot local = tree(file("a", "local\n"));
        TreeSnapshot canonical = tree(file("b", "canonical\n"));
        TreeMergeResult r = merge(base, local, canonical);
        assertThat(r.paths()).containsExactly("a", "b");
        assertThat(text(r, "a")).isEqualTo("local\n");
        assertThat(text(r, "b")).isEqualTo("canonical\n");
        assertThat(r.conflicts()).extracting(TreeConflict::path, TreeConflict::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", ConflictKind.DELETE_MODIFY),
                org.assertj.core.groups.Tuple.tuple("b", ConflictKind.DELETE_MODIFY));
        assertThat(r.conflicts().get(0).message()).contains("deleted by canonical", "local's version kept");
    }

    @Test
    void deletedOnBothSidesIsGone() throws IOException {
        TreeMergeResult r = merge(tree(file("a", "1\n"), file("b", "2\n")), tree(file("b", "2\n")), tree(file("b", "2\n")));
        assertThat(r.paths()).containsExactly("b");
        assertThat(r.stats().deleted()).isEqualTo(1);
        assertThat(r.stats().unchanged()).isEqualTo(1);
    }

    @Test
    void binaryChangedOnBothSidesKeepsCanonicalAndSavesLocalBeside() throws IOException {
        TreeMergeResult r = MERGER.merge(
                tree(TreeEntry.of("img.png", EntryKind.FILE, BINARY_BASE)),
                tree(TreeEntry.of("img.png", EntryKind.FILE, BINARY_LOCAL)),
                tree(TreeEntry.of("img.png", EntryKind.FILE, BINARY_CANONICAL)));
        assertThat(r.paths()).containsExactly("img.png", "img.png~local");
        assertThat(r.get("img.png").orElseThrow().read()).isEqualTo(BINARY_CANONICAL);
        assertThat(r.get("img.png~local").orElseThrow().read()).isEqualTo(BINARY_LOCAL);
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConflictKind.BINARY);
            assertThat(c.savedAs()).containsExactly("img.png~local");
            assertThat(c.message()).contains("saved as img.png~local");
        });
    }

    @Test
    void savedVersionsNeverOverwriteAnExistingPath() throws IOException {
        TreeEntry taken = file("img.png~local", "someone's own file\n");
        TreeEntry takenDir = file("img.png~local~2/x", "a directory of that name\n");
        TreeMergeResult r = MERGER.merge(
                tree(TreeEntry.of("img.png", EntryKind.FILE, BINARY_BASE), taken, takenDir),
                tree(TreeEntry.of("img.png", EntryKind.FILE, BINARY_LOCAL), taken, takenDir),
                tree(TreeEntry.of("img.png", EntryKind.FILE, BINARY_CANONICAL), taken, takenDir));
        assertThat(r.paths()).containsExactly("img.png", "img.png~local", "img.png~local~2/x", "img.png~local~3");
        assertThat(text(r, "img.png~local")).isEqualTo("someone's own file\n");
        assertThat(r.get("img.png~local~3").orElseThrow().read()).isEqualTo(BINARY_LOCAL);
        assertThat(r.conflicts().get(0).savedAs()).containsExactly("img.png~local~3");
    }

    @Test
    void modeChangeOnOneSideAndContentChangeOnTheOtherAreBothApplied() throws IOException {
        TreeMergeResult r = merge(
                tree(file("run", "v1\n"), file("tool", "v1\n")),
                tree(entry("run", EntryKind.EXECUTABLE, "v1\n"), file("tool", "v2\n")),
                tree(file("run", "v2\n"), entry("tool", EntryKind.EXECUTABLE, "v1\n")));
        assertThat(r.isClean()).isTrue();
        for (String path : List.of("run", "tool")) {
            assertThat(r.get(path).orElseThrow().kind()).isEqualTo(EntryKind.EXECUTABLE);
            assertThat(text(r, path)).isEqualTo("v2\n");
        }
        MergedEntry.Kept run = (MergedEntry.Kept) r.get("run").orElseThrow();
        assertThat(run.side()).isEqualTo(Side.CANONICAL);
        assertThat(run.isInPlace()).isFalse();
        assertThat(r.stats().textMergedClean()).isEqualTo(2);
    }

    @Test
    void modeChangedDifferentlyOnBothSidesKeepsCanonicalsMode() throws IOException {
        TreeMergeResult r = merge(
                tree(entry("s", EntryKind.SYMLINK, "target")),
                tree(file("s", "same\n")),
                tree(entry("s", EntryKind.EXECUTABLE, "same\n")));
        assertThat(r.get("s").orElseThrow().kind()).isEqualTo(EntryKind.EXECUTABLE);
        assertThat(text(r, "s")).isEqualTo("same\n");
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConflictKind.MODE);
            assertThat(c.message()).contains("set by canonical", "cleared by local");
        });
    }

    @Test
    void textAndModeConflictsAtOnePathAreBothReported() throws IOException {
        TreeMergeResult r = merge(
                TreeSnapshot.empty(),
                tree(file("f", "x\n")),
                tree(entry("f", EntryKind.EXECUTABLE, "y\n")));
        assertThat(r.conflicts()).extracting(TreeConflict::kind).containsExactly(ConflictKind.CONTENT, ConflictKind.MODE);
        TreeMergeResult both = r;
        assertThat(both.conflicts()).extracting(TreeConflict::kind).containsExactly(ConflictKind.CONTENT, ConflictKind.MODE);
        assertThat(both.stats().conflicts()).isEqualTo(1);
    }

    @Test
    void symlinkRetargetedDifferentlyKeepsCanonicalsAndRecordsLocals() throws IOException {
        TreeMergeResult r = merge(
                tree(entry("cur", EntryKind.SYMLINK, "v1")),
                tree(entry("cur", EntryKind.SYMLINK, "v2-local")),
                tree(entry("cur", EntryKind.SYMLINK, "v2-canonical")));
        assertThat(r.paths()).containsExactly("cur");
        assertThat(text(r, "cur")).isEqualTo("v2-canonical");
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConflictKind.SYMLINK);
            assertThat(c.message()).contains("'v2-local'");
        });
    }

    @Test
    void submoduleMovedDifferentlyKeepsCanonicalsCommit() throws IOException {
        String b = "1".repeat(40);
        String l = "2".repeat(40);
        String c = "3".repeat(40);
        TreeMergeResult r = merge(
                tree(entry("lib", EntryKind.GITLINK, b)),
                tree(entry("lib", EntryKind.GITLINK, l)),
                tree(entry("lib", EntryKind.GITLINK, c)));
        assertThat(text(r, "lib")).isEqualTo(c);
        assertThat(r.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.SUBMODULE);
        });
    }

    @Test
    void differentKindsOnBothSidesKeepCanonicalAndSaveLocalBeside() throws IOException {
        TreeMergeResult r = merge(
                tree(file("cfg", "v1\n")),
                tree(file("cfg", "v2\n")),
                tree(entry("cfg", EntryKind.SYMLINK, "cfg.real")));
        assertThat(r.paths()).containsExactly("cfg", "cfg~local");
        assertThat(r.get("cfg").orElseThrow().kind()).isEqualTo(EntryKind.SYMLINK);
        assertThat(r.get("cfg~local").orElseThrow().kind()).isEqualTo(EntryKind.FILE);
        assertThat(text(r, "cfg~local")).isEqualTo("v2\n");
        assertThat(r.conflicts()).extracting(TreeConflict::kind).containsExactly(ConflictKind.TYPE);
    }

    @Test
    void fileReplacedByADirectoryOnOneSideWhileTheOtherEditsItLosesNothing() throws IOException {
        TreeSnapshot base = tree(file("docs", "old notes\n"));
        TreeSnapshot dir = tree(file("docs/index.md", "index\n"));
        TreeSnapshot edited = tree(file("docs", "new notes\n"));

        TreeMergeResult localMadeDir = merge(base, dir, edited);
        assertThat(localMadeDir.paths()).containsExactly("docs/index.md", "docs~canonical");
        assertThat(text(localMadeDir, "docs~canonical")).isEqualTo("new notes\n");
        assertThat(localMadeDir.conflicts()).extracting(TreeConflict::kind)
                .containsExactly(ConflictKind.DELETE_MODIFY, ConflictKind.FILE_DIRECTORY);
        assertThat(localMadeDir.conflicts().get(1).savedAs()).containsExactly("docs~canonical");

        TreeMergeResult canonicalMadeDir = merge(base, edited, dir);
        assertThat(canonicalMadeDir.paths()).containsExactly("docs/index.md", "docs~local");
        assertThat(text(canonicalMadeDir, "docs~local")).isEqualTo("new notes\n");
    }

    @Test
    void directoryReplacedByAFileWhileTheOtherSideEditsInsideLosesNothing() throws IOException {
        TreeSnapshot base = tree(file("lib/a.c", "a\n"), file("lib/b.c", "b\n"));
        TreeSnapshot local = tree(file("lib/a.c", "a2\n"), file("lib/b.c", "b\n"));
        TreeSnapshot canonical = tree(file("lib", "now a file\n"));
        TreeMergeResult r = merge(base, local, canonical);
        assertThat(r.paths()).containsExactly("lib/a.c", "lib~canonical");
        assertThat(text(r, "lib/a.c")).isEqualTo("a2\n");
        assertThat(text(r, "lib~canonical")).isEqualTo("now a file\n");
        assertThat(r.conflicts()).extracting(TreeConflict::path, TreeConflict::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lib", ConflictKind.FILE_DIRECTORY),
                org.assertj.core.groups.Tuple.tuple("lib/a.c", ConflictKind.DELETE_MODIFY));
    }

    @Test
    void fileAndDirectoryAddedAtTheSamePathOnBothSides() throws IOException {
        TreeMergeResult r = merge(TreeSnapshot.empty(), tree(file("out/log", "l\n")), tree(file("out", "c\n")));
        assertThat(r.paths()).containsExactly("out/log", "out~canonical");
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConflictKind.FILE_DIRECTORY);
            assertThat(c.message()).contains("canonical's version saved as out~canonical");
        });
        assertThat(r.stats().conflicts()).isEqualTo(1);
        assertThat(r.stats().takenFromLocal()).isEqualTo(1);
    }

    @Test
    void fileReplacedByADirectoryOnOneSideOnlyMergesCleanly() throws IOException {
        TreeSnapshot base = tree(file("docs", "notes\n"));
        TreeMergeResult r = merge(base, tree(file("docs/index.md", "i\n")), base);
        assertThat(r.isClean()).isTrue();
        assertThat(r.paths()).containsExactly("docs/index.md");
    }

    @Test
    void unchangedContentIsNeverRead() throws IOException {
        ContentSource sealed = new ContentSource() {
            @Override
            public InputStream open() {
                throw new AssertionError("read an unchanged file");
            }

            @Override
            public BlobId blobId() {
                return BlobId.forContent("big\n".getBytes(StandardCharsets.UTF_8));
            }
        };
        TreeEntry inGit = new TreeEntry("big", EntryKind.FILE, sealed);
        TreeEntry onDisk = file("big", "big\n");
        TreeMergeResult r = merge(tree(inGit), tree(inGit), tree(onDisk));
        assertThat(r.stats().unchanged()).isEqualTo(1);
        assertThat(((MergedEntry.Kept) r.get("big").orElseThrow()).isInPlace()).isTrue();
    }

    @Test
    void resultDoesNotDependOnInsertionOrder() throws IOException {
        Map<String, String> base = new LinkedHashMap<>();
        Map<String, String> local = new LinkedHashMap<>();
        Map<String, String> canonical = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String p = "d" + (i % 5) + "/f" + i;
            base.put(p, "line " + i + "\nmiddle\nend\n");
            if (i % 3 != 0) {
                local.put(p, i % 2 == 0 ? "LOCAL " + i + "\nmiddle\nend\n" : base.get(p));
            }
            if (i % 4 != 0) {
                canonical.put(p, i % 5 == 0 ? "line " + i + "\nmiddle\nCANONICAL\n" : "CANON " + i + "\nmiddle\nend\n");
            }
        }
        local.put("x", "l\n");
        canonical.put("x/y", "c\n");
        local.put("bin", "\0local");
        base.put("bin", "\0base");
        canonical.put("bin", "\0canonical");

        TreeMergeResult forward = merge(snapshot(base, false), snapshot(local, false), snapshot(canonical, false));
        TreeMergeResult backward = merge(snapshot(base, true), snapshot(local, true), snapshot(canonical, true));
        TreeMergeResult hashed = merge(snapshot(new HashMap<>(base), false), snapshot(new HashMap<>(local), true),
                snapshot(new HashMap<>(canonical), false));

        assertThat(backward).isEqualTo(forward);
        assertThat(hashed).isEqualTo(forward);
        assertThat(forward.conflicts()).isNotEmpty();
        assertThat(forward.paths()).isSorted();
        assertThat(forward.stats().paths()).isEqualTo(41 + 2);
    }

    private static TreeSnapshot snapshot(Map<String, String> files, boolean reversed) {
        List<TreeEntry> entries = new ArrayList<>();
        files.forEach((path, content) -> entries.add(file(path, content)));
        if (reversed) {
            Collections.reverse(entries);
        }
        return TreeSnapshot.of(entries);
    }

    @Test
    void resultConvertsToASnapshotForTheNextMerge() throws IOException {
        TreeMergeResult r = merge(tree(file("f", "a\nb\n")), tree(file("f", "a\nB\n")), tree(file("f", "A\nb\n")));
        TreeSnapshot merged = r.toSnapshot();
        assertThat(merged.paths()).containsExactly("f");
        assertThat(new String(merged.get("f").orElseThrow().read(), StandardCharsets.UTF_8)).isEqualTo("A\nB\n");
    }

    @Test
    void javaFilesGoThroughTheStructuredPassAsInMergeFile() throws IOException {
        String head = "package p;\n\nimport a.A;\n";
        String tail = "\nclass K {\n}\n";
        TreeSnapshot base = tree(file("src/K.java", head + "import b.B;\n" + tail), file("K.txt", head + "import b.B;\n" + tail));
        TreeSnapshot local = tree(file("src/K.java", head + tail), file("K.txt", head + tail));
        TreeSnapshot canonical = tree(file("src/K.java", head + "import b.B;\nimport c.C;\n" + tail),
                file("K.txt", head + "import b.B;\nimport c.C;\n" + tail));

        TreeMergeResult r = merge(base, local, canonical);

        assertThat(text(r, "src/K.java")).isEqualTo(head + "import c.C;\n" + tail);
        assertThat(r.conflicts()).extracting(TreeConflict::path).containsExactly("K.txt");
    }
}
