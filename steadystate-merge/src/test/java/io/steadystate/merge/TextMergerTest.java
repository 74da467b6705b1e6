package io.steadystate.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextMergerTest {

    private static final TextMerger MERGER = new TextMerger();

    private static TextMergeResult merge(String base, String ours, String theirs) {
        return MERGER.merge(bytes(base), bytes(ours), bytes(theirs));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(TextMergeResult r) {
        assertThat(r).isInstanceOf(TextMergeResult.Merged.class);
        return new String(((TextMergeResult.Merged) r).content(), StandardCharsets.UTF_8);
    }

    @Test
    void changesOnDifferentLinesMerge() {
        TextMergeResult r = merge("a\nb\nc\nd\n", "A\nb\nc\nd\n", "a\nb\nc\nD\n");
        assertThat(r.isClean()).isTrue();
        assertThat(text(r)).isEqualTo("A\nb\nc\nD\n");
    }

    @Test
    void editsToDifferentWordsOfOneLineMerge() {
        TextMergeResult r = merge("int x = compute(a, b);\n", "long x = compute(a, b);\n", "int x = compute(a, c);\n");
        assertThat(r.isClean()).isTrue();
        assertThat(text(r)).isEqualTo("long x = compute(a, c);\n");
    }

    @Test
    void sameWordChangedDifferentlyIsAConflictWithBaseSection() {
        TextMergeResult r = merge("x\nvalue = 1;\ny\n", "x\nvalue = 2;\ny\n", "x\nvalue = 3;\ny\n");
        assertThat(r.conflictCount()).isEqualTo(1);
        assertThat(text(r)).isEqualTo(
                "x\n<<<<<<< ours\nvalue = 2;\n||||||| base\nvalue = 1;\n=======\nvalue = 3;\n>>>>>>> theirs\ny\n");
    }

    @Test
    void versionNumbersAreNotMergedPieceByPiece() {
        TextMergeResult r = merge("<version>2.17.0</version>\n", "<version>2.18.0</version>\n", "<version>2.17.1</version>\n");
        assertThat(r.isClean()).isFalse();
    }

    @Test
    void concurrentInsertionsKeepOursFirst() {
        TextMergeResult r = merge("a\nz\n", "a\nfrom ours\nz\n", "a\nfrom theirs\nz\n");
        assertThat(text(r)).isEqualTo("a\nfrom ours\nfrom theirs\nz\n");
    }

    @Test
    void concurrentInsertionsConflictWhenOrderingIsOff() {
        TextMerger merger = new TextMerger(MergeOptions.DEFAULT.withOrderInsertions(false));
        TextMergeResult r = merger.merge(bytes("a\nz\n"), bytes("a\nfrom ours\nz\n"), bytes("a\nfrom theirs\nz\n"));
        assertThat(r.conflictCount()).isEqualTo(1);
    }

    @Test
    void policiesResolveConflicts() {
        byte[] b = bytes("k = 1\n");
        byte[] o = bytes("k = 2\n");
        byte[] t = bytes("k = 3\n");
        assertThat(text(new TextMerger(MergeOptions.DEFAULT.withPolicy(MergePolicy.OURS)).merge(b, o, t))).isEqualTo("k = 2\n");
        assertThat(text(new TextMerger(MergeOptions.DEFAULT.withPolicy(MergePolicy.THEIRS)).merge(b, o, t))).isEqualTo("k = 3\n");
        TextMergeResult union = new TextMerger(MergeOptions.DEFAULT.withPolicy(MergePolicy.UNION)).merge(b, o, t);
        assertThat(union.isClean()).isTrue();
        assertThat(text(union)).isEqualTo("k = 2\nk = 3\n");
    }

    @Test
    void crlfSideThatOnlyConvertedLineEndingsDoesNotConflict() {
        TextMergeResult r = merge("a\nb\nc\n", "a\r\nb\r\nc\r\n", "a\nB\nc\n");
        assertThat(r.isClean()).isTrue();
        assertThat(text(r)).isEqualTo("a\r\nB\r\nc\r\n");
    }

    @Test
    void crlfFilesStayCrlf() {
        TextMergeResult r = merge("a\r\nb\r\nc\r\n", "A\r\nb\r\nc\r\n", "a\r\nb\r\nC\r\n");
        assertThat(text(r)).isEqualTo("A\r\nb\r\nC\r\n");
    }

    @Test
    void missingFinalNewlineIsKept() {
        TextMergeResult r = merge("a\nb\nc", "A\nb\nc", "a\nb\nC");
        assertThat(text(r)).isEqualTo("A\nb\nC");
    }

    @Test
    void byteOrderMarkIsKeptAndDoesNotConflict() {
        String bom = "\uFEFF";
        TextMergeResult r = merge(bom + "a\nb\nc\n", bom + "A\nb\nc\n", "a\nb\nC\n");
        assertThat(text(r)).isEqualTo("A\nb\nC\n");
        TextMergeResult kept = merge(bom + "a\nb\nc\n", bom + "A\nb\nc\n", bom + "a\nb\nC\n");
        assertThat(text(kept)).isEqualTo(bom + "A\nb\nC\n");
    }

    @Test
    void invalidUtf8IsBinary() {
        byte[] base = {'a', (byte) 0xC3, '\n'};
        byte[] ours = {'b', (byte) 0xC3, '\n'};
        byte[] theirs = {'c', (byte) 0xC3, '\n'};
        assertThat(MERGER.merge(base, ours, theirs)).isInstanceOf(TextMergeResult.BinaryConflict.class);
        assertThat(MERGER.merge(base, ours, base)).isEqualTo(new TextMergeResult.Merged(ours, 0));
    }

    @Test
    void nulBytesAreBinary() {
        byte[] base = {1, 0, 2};
        byte[] ours = {1, 0, 3};
        byte[] theirs = {1, 0, 4};
        assertThat(MERGER.merge(base, ours, theirs)).isInstanceOf(TextMergeResult.BinaryConflict.class);
        assertThat(new TextMerger(MergeOptions.DEFAULT.withPolicy(MergePolicy.THEIRS)).merge(base, ours, theirs))
                .isEqualTo(new TextMergeResult.Merged(theirs, 0));
    }

    @Test
    void anElementAddedToAListIsNotWovenWithAnotherEditOfTheSameList() {
        byte[] base = "call(a, b);\n".getBytes(StandardCharsets.UTF_8);
        byte[] ours = "call(a, b, c);\n".getBytes(StandardCharsets.UTF_8);
        byte[] theirs = "call(wrap(a), b);\n".getBytes(StandardCharsets.UTF_8);
        byte[] elsewhere = "other(a, b);\n".getBytes(StandardCharsets.UTF_8);

        assertThat(MERGER.merge(base, ours, theirs).isClean()).isFalse();
        // Edits to different words that leave the list's length alone still merge.
        assertThat(MERGER.merge(base, elsewhere, theirs)).isEqualTo(
                new TextMergeResult.Merged("other(wrap(a), b);\n".getBytes(StandardCharsets.UTF_8), 0));
    }

    @Test
    void aLongerInsertionIsTakenOnlyWhenItExtendsTheOtherAtAnEnd() {
        TextMerger cli = new TextMerger(MergeOptions.DEFAULT.withOrderInsertions(false));
        byte[] base = "a\nz\n".getBytes(StandardCharsets.UTF_8);
        byte[] shorter = "a\nx\ny\nz\n".getBytes(StandardCharsets.UTF_8);
        byte[] appended = "a\nx\ny\nmore\nz\n".getBytes(StandardCharsets.UTF_8);
        byte[] inTheMiddle = "a\nx\nmore\ny\nz\n".getBytes(StandardCharsets.UTF_8);

        assertThat(cli.merge(base, appended, shorter)).isEqualTo(new TextMergeResult.Merged(appended, 0));
        assertThat(cli.merge(base, inTheMiddle, shorter).isClean()).isFalse();
    }
}
