package io.steadystate.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The base section of diff3 and zdiff3 conflicts shows what the base had where both sides changed. */
class ConflictBaseSectionTest {

    private static String merge(ConflictStyle style, String base, String ours, String theirs) {
        TextMergeResult r = new TextMerger(MergeOptions.DEFAULT.withStyle(style).withOrderInsertions(false))
                .merge(bytes(base), bytes(ours), bytes(theirs));
        assertThat(r).isInstanceOf(TextMergeResult.Merged.class);
        return new String(((TextMergeResult.Merged) r).content(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void baseSectionHoldsTheReplacedLine() {
        assertThat(merge(ConflictStyle.ZDIFF3, "top\nold\nend\n", "top\nmine\nend\n", "top\ntheirs\nend\n"))
                .isEqualTo("top\n<<<<<<< ours\nmine\n||||||| base\nold\n=======\ntheirs\n>>>>>>> theirs\nend\n");
    }

    @Test
    void baseSectionHoldsTheReplacedLineWhenBothSidesShareEdgeLines() {
        String base = "top\nold\nend\n";
        String ours = "top\nshared 1\nmine\nshared 2\nend\n";
        String theirs = "top\nshared 1\ntheirs\nshared 2\nend\n";
        // As git merge-file --zdiff3 and --diff3 write it.
        assertThat(merge(ConflictStyle.ZDIFF3, base, ours, theirs)).isEqualTo(
                "top\nshared 1\n<<<<<<< ours\nmine\n||||||| base\nold\n=======\ntheirs\n>>>>>>> theirs\nshared 2\nend\n");
        assertThat(merge(ConflictStyle.DIFF3, base, ours, theirs)).isEqualTo("top\n<<<<<<< ours\nshared 1\nmine\nshared 2\n"
                + "||||||| base\nold\n=======\nshared 1\ntheirs\nshared 2\n>>>>>>> theirs\nend\n");
    }
}
