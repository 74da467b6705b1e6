package io.steadystate.merge.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeMergeResultTest {

    private static final MergeStats NONE = new MergeStats(0, 0, 0, 0, 0, 0, 0, 0);

    private static MergedEntry written(String path) {
        return new MergedEntry.Written(path, EntryKind.FILE, path.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entriesMustBeSortedUniqueAndNotBothFileAndDirectory() {
        assertThatThrownBy(() -> new TreeMergeResult(List.of(written("b"), written("a")), List.of(), NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TreeMergeResult(List.of(written("a"), written("a")), List.of(), NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TreeMergeResult(List.of(written("a"), written("a/b")), List.of(), NONE))
                .isInstanceOf(IllegalArgumentException.class);
        List<MergedEntry> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new TreeMergeResult(withNull, List.of(), NONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TreeMergeResult(List.of(), List.of(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void conflictsMustBeSortedByPathThenKind() {
        TreeConflict a = new TreeConflict("a", ConflictKind.MODE, "m");
        TreeConflict aContent = new TreeConflict("a", ConflictKind.CONTENT, "c");
        TreeConflict b = new TreeConflict("b", ConflictKind.CONTENT, "c");
        assertThat(new TreeMergeResult(List.of(), List.of(aContent, a, b), NONE).isClean()).isFalse();
        assertThatThrownBy(() -> new TreeMergeResult(List.of(), List.of(b, a), NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TreeMergeResult(List.of(), List.of(a, aContent), NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutableAndLooksUpByPath() {
        List<MergedEntry> entries = new ArrayList<>(List.of(written("a"), written("b/c"), written("d")));
        TreeMergeResult r = new TreeMergeResult(entries, List.of(), NONE);
        entries.clear();
        assertThat(r.paths()).containsExactly("a", "b/c", "d");
        assertThatThrownBy(() -> r.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.get("b/c")).contains(written("b/c"));
        assertThat(r.get("b")).isEmpty();
        assertThat(r.isClean()).isTrue();
    }

    @Test
    void writtenBytesAreCopied() {
        byte[] bytes = {1, 2, 3};
        MergedEntry.Written w = new MergedEntry.Written("f", EntryKind.FILE, bytes);
        bytes[0] = 9;
        w.bytes()[1] = 9;
        assertThat(w.read()).containsExactly(1, 2, 3);
    }

    @Test
    void recordsRejectInvalidValues() {
        assertThatThrownBy(() -> new MergeStats(-1, 0, 0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TreeConflict("/a", ConflictKind.CONTENT, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TreeConflict("a", null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TreeConflict("a", ConflictKind.CONTENT, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MergedEntry.Kept("a", EntryKind.FILE, null, TreeEntry.of("a", EntryKind.FILE, new byte[0])))
                .isInstanceOf(NullPointerException.class);
    }
}
