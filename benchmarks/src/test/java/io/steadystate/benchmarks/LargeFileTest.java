package io.steadystate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LargeFileTest {

    private static final LargeFile FILE = LargeFile.standard();

    @Test
    void isAboutOneMebibyteAndReproducible() {
        assertThat(FILE.base().length).isBetween(1 << 20, (1 << 20) + 4096);
        assertThat(LargeFile.standard().ours()).isEqualTo(FILE.ours());
    }

    @Test
    void eachSideEditsItsOwnScatteredLines() {
        List<String> base = lines(FILE.base());
        List<Integer> ours = changed(base, lines(FILE.ours()));
        List<Integer> theirs = changed(base, lines(FILE.theirs()));
        assertThat(ours).hasSize(LargeFile.EDITS_PER_SIDE);
        assertThat(theirs).hasSize(LargeFile.EDITS_PER_SIDE).doesNotContainAnyElementsOf(ours);
        List<Integer> all = new ArrayList<>(ours);
        all.addAll(theirs);
        all.sort(null);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i) - all.get(i - 1)).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void jgitMergesItCleanlyToTheExpectedResult() {
        Engines.Output out = Engines.jgit(Engines.newJGitAlgorithm(), FILE.base(), FILE.ours(), FILE.theirs());
        assertThat(out.conflicts()).isZero();
        assertThat(out.content()).isEqualTo(FILE.expected());
    }

    private static List<String> lines(byte[] text) {
        return List.of(new String(text, StandardCharsets.UTF_8).split("\n", -1));
    }

    private static List<Integer> changed(List<String> base, List<String> side) {
        assertThat(side).hasSameSizeAs(base);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            if (!base.get(i).equals(side.get(i))) {
                at.add(i);
            }
        }
        return at;
    }
}
