package io.steadystate.merge.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeSnapshotTest {

    private static TreeEntry file(String path, String content) {
        return TreeEntry.of(path, EntryKind.FILE, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entriesAreSortedWhateverTheInputOrder() {
        List<TreeEntry> entries = new ArrayList<>(List.of(file("b", "1"), file("a/z", "2"), file("a-b", "3"), file("a.c", "4")));
        TreeSnapshot forward = TreeSnapshot.of(entries);
        TreeSnapshot backward = TreeSnapshot.of(entries.reversed());
        assertThat(forward.paths()).containsExactly("a-b", "a.c", "a/z", "b");
        assertThat(forward).isEqualTo(backward);
        assertThat(forward.isDirectory("a")).isTrue();
        assertThat(forward.isDirectory("a-b")).isFalse();
    }

    @Test
    void rejectsDuplicatePaths() {
        assertThatThrownBy(() -> TreeSnapshot.of(file("a", "1"), file("a", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    }

    @Test
    void rejectsAPathThatIsAlsoADirectory() {
        assertThatThrownBy(() -> TreeSnapshot.of(file("a", "1"), file("a-x", "1"), file("a/b", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    }

    @Test
    void rejectsPathsThatAreNotNormalized() {
        for (String bad : List.of("", "/a", "a/", "a//b", "./a", "a/../b", "a\0b")) {
            assertThatThrownBy(() -> file(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new TreeEntry("a", null, ContentSource.of(new byte[0])))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void isImmutable() throws Exception {
        TreeSnapshot s = TreeSnapshot.of(file("a", "1"));
        assertThatThrownBy(() -> s.asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        byte[] bytes = {1, 2};
        TreeEntry e = TreeEntry.of("x", EntryKind.FILE, bytes);
        bytes[0] = 9;
        assertThat(e.content().read()).containsExactly(1, 2);
    }

    @Test
    void blobIdsMatchGit() throws Exception {
        // git hash-object of "hello\n"
        assertThat(file("a", "hello\n").blobId().hex()).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
        assertThat(BlobId.forContent(new byte[0]).hex()).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assertThat(BlobId.of("CE013625030BA8DBA906F756967F9E9CA394464A")).isEqualTo(file("a", "hello\n").blobId());
        assertThatThrownBy(() -> new BlobId("xyz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameAsComparesKindAndContentNotPath() throws Exception {
        assertThat(file("a", "x").sameAs(file("b", "x"))).isTrue();
        assertThat(file("a", "x").sameAs(file("a", "y"))).isFalse();
        assertThat(file("a", "x").sameAs(file("a", "x").withKind(EntryKind.EXECUTABLE))).isFalse();
    }
}
