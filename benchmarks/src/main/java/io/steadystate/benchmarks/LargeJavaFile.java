package io.steadystate.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * A generated Java class of about 5,000 lines in which both sides added a different method at the
 * same 50 places: a line merge leaves 50 conflicting regions, which the structured pass settles by
 * keeping both methods, ours first. Deterministic: the same bytes on every run.
 *
 * @param base     the common ancestor
 * @param ours     with 50 methods added
 * @param theirs   with 50 other methods added at the same places
 * @param expected what the structured merge must give
 */
record LargeJavaFile(byte[] base, byte[] ours, byte[] theirs, byte[] expected) {

    static final int METHODS = 300;
    static final int REGIONS = 50;

    static LargeJavaFile standard() {
        StringBuilder base = new StringBuilder(header());
        StringBuilder ours = new StringBuilder(header());
        StringBuilder theirs = new StringBuilder(header());
        StringBuilder expected = new StringBuilder(header());
        for (int i = 0; i < METHODS; i++) {
            String m = method("compute" + i, i);
            base.append(m);
            ours.append(m);
            theirs.append(m);
            expected.append(m);
            if (i % (METHODS / REGIONS) == METHODS / REGIONS / 2) {
                String o = method("oursAdded" + i, 7 * i);
                String t = method("theirsAdded" + i, 11 * i);
                ours.append(o);
                theirs.append(t);
                expected.append(o).append(t);
            }
        }
        for (StringBuilder sb : new StringBuilder[] {base, ours, theirs, expected}) {
            sb.append("}\n");
        }
        return new LargeJavaFile(bytes(base), bytes(ours), bytes(theirs), bytes(expected));
    }

    long inputBytes() {
        return (long) base.length + ours.length + theirs.length;
    }

    private static String header() {
        return "package io.example.generated;\n\nimport java.util.List;\nimport java.util.Map;\n\n"
                + "/** Generated for the structured merge benchmark. */\npublic final class Generated {\n";
    }

    /** About a dozen lines: a doc comment, a signature and a small body of its own. */
    private static String method(String name, int seed) {
        return "\n    /**\n     * Computes " + name + ".\n     */\n"
                + "    public int " + name + "(List<Integer> values, Map<String, Integer> weights) {\n"
                + "        int total = " + seed + ";\n"
                + "        for (int v : values) {\n"
                + "            total += v * " + (seed + 1) + ";\n"
                + "        }\n"
                + "        total ^= weights.getOrDefault(\"" + name + "\", " + seed + ");\n"
                + "        if (total > " + (3 * seed + 2) + ") {\n"
                + "            total -= " + (seed + 5) + ";\n"
                + "        }\n"
                + "        return total;\n"
                + "    }\n";
    }

    private static byte[] bytes(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
