package io.steadystate.merge.structure;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.merge.ConflictStyle;
import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.MergePolicy;
import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import io.steadystate.merge.internal.java.JavaStructuredMerger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Java structured pass, rule by rule, through the public {@link TextMerger} API. */
class JavaStructuredMergeTest {

    /** What {@code merge-file} does by default: git's markers, concurrent insertions a conflict. */
    private static final MergeOptions CLI =
            new MergeOptions(MergePolicy.CONFLICT, ConflictStyle.MERGE, "ours", "base", "theirs", true, false);

    private static TextMergeResult.Merged merge(MergeOptions options, String path, String base, String ours, String theirs) {
        return (TextMergeResult.Merged) new TextMerger(options)
                .merge(path, bytes(base), bytes(ours), bytes(theirs));
    }

    private static TextMergeResult.Merged merge(String base, String ours, String theirs) {
        return merge(CLI, "src/A.java", base, ours, theirs);
    }

    private static String text(TextMergeResult.Merged m) {
        return new String(m.content(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String file(String imports, String members) {
        return "package p;\n\n" + imports + "\npublic class A {\n" + members + "}\n";
    }

    private static final String F = "\n    int f() {\n        return 1;\n    }\n";
    private static final String G = "\n    int g() {\n        return 2;\n    }\n";
    private static final String H = "\n    int h(String s) {\n        return s.length();\n    }\n";

    @Test
    void importsBothSidesAddedAtOnePlaceAreAllKeptInTheirSortedPlaces() {
        String base = file("import a.A;\nimport d.D;\n", F);
        String ours = file("import a.A;\nimport b.B;\nimport d.D;\n", F);
        String theirs = file("import a.A;\nimport c.C;\nimport d.D;\n", F);

        TextMergeResult.Merged m = merge(base, ours, theirs);

        assertThat(m.isClean()).isTrue();
        assertThat(text(m)).isEqualTo(file("import a.A;\nimport b.B;\nimport c.C;\nimport d.D;\n", F));
        assertThat(m.resolutions()).singleElement().satisfies(r -> assertThat(r.rule()).contains("imports merged as a set"));
    }

    @Test
    void anImportOneSideDeletedIsDroppedWhileTheOtherSideAddsBesideIt() {
        String base = file("import a.A;\nimport b.B;\n", F);
        String ours = file("import a.A;\nimport b.B;\nimport c.C;\n", F);
        String theirs = file("import a.A;\n", F);

        TextMergeResult.Merged m = merge(base, ours, theirs);

        assertThat(text(m)).isEqualTo(file("import a.A;\nimport c.C;\n", F));
        assertThat(merge(CLI.withStructured(false), "src/A.java", base, ours, theirs).isClean()).isFalse();
    }

    @Test
    void membersBothSidesAddedAtOnePlaceAreBothKeptOursFirst() {
        String base = file("", F);
        String ours = file("", F + G);
        String theirs = file("", F + H);

        TextMergeResult.Merged m = merge(base, ours, theirs);

        assertThat(text(m)).isEqualTo(file("", F + G + H));
        assertThat(m.resolutions()).singleElement().satisfies(r -> {
            assertThat(r.rule()).startsWith("structure: type members merged by signature");
            assertThat(r.rule()).contains("method g()", "method h(String)");
        });
        // The line merge alone leaves the two insertions in conflict, as git does.
        assertThat(merge(CLI.withStructured(false), "src/A.java", base, ours, theirs).conflictCount()).isEqualTo(1);
    }

    @Test
    void theSameMemberAddedOnBothSidesWithDifferentBodiesIsAConflict() {
        String base = file("", F);
        String ours = file("", F + G);
        String theirs = file("", F + G.replace("return 2", "return 3"));

        assertThat(merge(base, ours, theirs).conflictCount()).isEqualTo(1);
        // Even where sync's rule would keep both insertions, the structure knows it is one member.
        assertThat(merge(MergeOptions.DEFAULT, "src/A.java", base, ours, theirs).conflictCount()).isEqualTo(1);
    }

    @Test
    void aMemberOneSideDeletedAndTheOtherChangedIsAConflict() {
        String base = file("", F + G + H);
        String ours = file("", F + H.replace("length()", "length() + 1") + G.replace("return 2", "return 4"));
        String theirs = file("", F + H);

        assertThat(merge(base, ours, theirs).isClean()).isFalse();
    }

    @Test
    void twoAdditionsThatLookLikeVersionsOfOneMemberAreAConflict() {
        String base = file("", F);
        String body = "(String a, int b) {\n        String s = a.repeat(b);\n        return s.length() + b;\n    }\n";
        String ours = file("", F + "\n    int primary" + body);
        String theirs = file("", F + "\n    int preferred" + body);

        TextMergeResult.Merged m = merge(base, ours, theirs);

        assertThat(m.conflictCount()).isEqualTo(1);
        assertThat(text(m)).contains("<<<<<<< ours");
    }

    @Test
    void aFileThatDoesNotParseKeepsTheLineResult() {
        String base = file("", F) + "}}} not java";
        String ours = file("", F + G) + "}}} not java";
        String theirs = file("", F + H) + "}}} not java";

        assertThat(merge(base, ours, theirs))
                .isEqualTo(merge(CLI.withStructured(false), "src/A.java", base, ours, theirs));
    }

    @Test
    void theLanguageIsChosenByExtensionOrByAnUnmistakableStart() {
        String base = file("", F);
        String ours = file("", F + G);
        String theirs = file("", F + H);

        assertThat(merge(CLI, "ours", base, ours, theirs).isClean()).as("a temporary file holding Java").isTrue();
        assertThat(merge(CLI, "notes.txt", base, ours, theirs).isClean()).as("another language").isFalse();
        assertThat(new TextMerger(CLI).merge(bytes(base), bytes(ours), bytes(theirs)).isClean())
                .as("no path, no structure").isFalse();
    }

    @Test
    void theRegistryFindsJavaByExtensionOnly() {
        StructuredMergers standard = StructuredMergers.standard();
        assertThat(standard.forPath("a/B.java")).get().extracting(StructuredMerger::name).isEqualTo("java");
        assertThat(standard.forPath("a/B.JAVA")).isPresent();
        assertThat(standard.forPath("a/java")).isEmpty();
        assertThat(standard.forPath("a.java/README")).isEmpty();
        assertThat(StructuredMergers.none().forPath("B.java")).isEmpty();
    }

    @Test
    void aSpentTimeBudgetDeclinesInsteadOfWaiting() {
        String base = file("", F);
        JavaStructuredMerger java = new JavaStructuredMerger();
        // The first file of a process gets extra time for the parser's warm-up; spend that first.
        java.open(new FileVersions("A.java", base, base, base, CLI, Duration.ZERO));

        FileMerge spent = java.open(new FileVersions("A.java", base, file("", F + G), file("", F + H), CLI, Duration.ZERO));
        RegionOutcome outcome = spent.resolve(new ConflictRegion(new LineRange(8, 8), new LineRange(8, 12), new LineRange(8, 12)));

        assertThat(outcome).isInstanceOf(RegionOutcome.Declined.class);
    }

    @Test
    void annotationsBothSidesAddedToOneMemberAreBothKept() {
        String base = file("", F + G);
        String ours = file("", F + G.replace("    int g()", "    @Deprecated\n    int g()"));
        String theirs = file("", F + G.replace("    int g()", "    @SuppressWarnings(\"unused\")\n    int g()"));

        TextMergeResult.Merged m = merge(base, ours, theirs);

        assertThat(text(m)).isEqualTo(
                file("", F + G.replace("    int g()", "    @Deprecated\n    @SuppressWarnings(\"unused\")\n    int g()")));
        assertThat(m.resolutions()).singleElement().satisfies(r -> assertThat(r.rule()).contains("annotations merged as a set"));
    }

    @Test
    void oneAnnotationGivenDifferentArgumentsOnBothSidesIsAConflict() {
        String base = file("", F + G.replace("    int g()", "    @Since(\"1\")\n    int g()"));
        String ours = file("", F + G.replace("    int g()", "    @Since(\"2\")\n    int g()"));
        String theirs = file("", F + G.replace("    int g()", "    @Since(\"3\")\n    int g()"));

        assertThat(merge(base, ours, theirs).isClean()).isFalse();
    }
}
