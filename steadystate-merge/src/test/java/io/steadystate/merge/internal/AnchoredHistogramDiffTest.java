package io.steadystate.merge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnchoredHistogramDiffTest {

    private final AnchoredHistogramDiff diff = new AnchoredHistogramDiff();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void editsTurnTheOldTextIntoTheNewOne(int seed) {
        Random random = new Random(seed);
        List<String> a = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // Repeated lines (braces, blanks) between unique ones, as in source code.
            a.add(random.nextInt(4) == 0 ? "}" : random.nextInt(5) == 0 ? "" : "line " + random.nextInt(100_000));
        }
        List<String> b = new ArrayList<>(a);
        for (int k = 0; k < 200; k++) {
            int at = random.nextInt(b.size());
            switch (random.nextInt(3)) {
                case 0 -> b.set(at, "changed " + k);
                case 1 -> b.add(at, "inserted " + k);
                default -> b.remove(at);
            }
        }
        RawText ra = text(a);
        RawText rb = text(b);
        EditList edits = diff.diff(RawTextComparator.DEFAULT, ra, rb);
        assertThat(apply(a, b, edits)).isEqualTo(b);
        for (int i = 1; i < edits.size(); i++) {
            assertThat(edits.get(i).getBeginA()).isGreaterThan(edits.get(i - 1).getEndA() - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 11, 12})
    void scatteredLineChangesAreFoundExactly(int seed) {
        Random random = new Random(seed);
        List<String> a = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            a.add("unique line " + i);
        }
        List<String> b = new ArrayList<>(a);
        int changes = 0;
        for (int i = random.nextInt(10); i < b.size(); i += 10 + random.nextInt(20)) {
            b.set(i, "edited " + i);
            changes++;
        }
        EditList edits = diff.diff(RawTextComparator.DEFAULT, text(a), text(b));
        assertThat(edits).hasSize(changes);
        assertThat(edits).allMatch(e -> e.getType() == Edit.Type.REPLACE && e.getLengthA() == 1 && e.getLengthB() == 1);
    }

    private static RawText text(List<String> lines) {
        return new RawText((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> apply(List<String> a, List<String> b, EditList edits) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (Edit e : edits) {
            out.addAll(a.subList(pos, e.getBeginA()));
            out.addAll(b.subList(e.getBeginB(), e.getEndB()));
            pos = e.getEndA();
        }
        out.addAll(a.subList(pos, a.size()));
        return out;
    }
}
