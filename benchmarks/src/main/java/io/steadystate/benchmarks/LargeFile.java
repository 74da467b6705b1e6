package io.steadystate.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A generated large Java-like source file and two edited copies of it: each side replaces its own
 * set of single lines, scattered over the whole file. No two edited lines (of either side) are
 * closer than three lines apart, so the sides never touch the same hunk and the merge is clean:
 * {@link #expected()} is the base with both sides' edits.
 *
 * @param base     the common ancestor
 * @param ours     base with {@code editsPerSide} lines replaced
 * @param theirs   base with {@code editsPerSide} other lines replaced
 * @param expected the clean merge
 */
public record LargeFile(byte[] base, byte[] ours, byte[] theirs, byte[] expected) {

    public static final long SEED = 20240917L;
    public static final int TARGET_BYTES = 1 << 20;
    public static final int EDITS_PER_SIDE = 1_000;

    public long inputBytes() {
        return (long) base.length + ours.length + theirs.length;
    }

    /** The file the benchmark uses: about 1 MiB, 1,000 edits per side, fixed seed. */
    public static LargeFile standard() {
        return generate(SEED, TARGET_BYTES, EDITS_PER_SIDE);
    }

    public static LargeFile generate(long seed, int targetBytes, int editsPerSide) {
        Random rnd = new Random(seed);
        List<String> lines = javaLikeLines(rnd, targetBytes);
        int edits = 2 * editsPerSide;
        int slot = lines.size() / edits;
        if (slot < 4) {
            throw new IllegalArgumentException("file too small for " + edits + " scattered edits");
        }
        // One edited line per slot, away from the slot's edges: edited lines are >= 3 lines apart.
        List<Integer> positions = new ArrayList<>(edits);
        for (int k = 0; k < edits; k++) {
            positions.add(k * slot + 1 + rnd.nextInt(slot - 2));
        }
        List<Integer> shuffled = new ArrayList<>(positions);
        Collections.shuffle(shuffled, rnd);
        List<String> ours = new ArrayList<>(lines);
        List<String> theirs = new ArrayList<>(lines);
        List<String> expected = new ArrayList<>(lines);
        for (int k = 0; k < edits; k++) {
            int at = shuffled.get(k);
            boolean oursSide = k < editsPerSide;
            String edited = edit(lines.get(at), oursSide ? "ours" : "theirs", k, rnd);
            (oursSide ? ours : theirs).set(at, edited);
            expected.set(at, edited);
        }
        return new LargeFile(join(lines), join(ours), join(theirs), join(expected));
    }

    private static String edit(String line, String side, int k, Random rnd) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        return " ".repeat(indent) + "long " + side + "Edit" + k + " = " + rnd.nextInt(1_000_000) + "L; // changed";
    }

    private static final String[] TYPES = {"int", "long", "String", "List<String>", "Map<String, Object>", "boolean"};
    private static final String[] WORDS = {"value", "count", "name", "index", "buffer", "result", "node",
        "config", "reader", "writer", "cache", "entry", "offset", "length", "token", "state"};

    private static List<String> javaLikeLines(Random rnd, int targetBytes) {
        List<String> out = new ArrayList<>();
        long size = 0;
        int cls = 0;
        while (size < targetBytes) {
            List<String> block = javaClass(rnd, cls++);
            for (String l : block) {
                out.add(l);
                size += l.length() + 1;
            }
        }
        return out;
    }

    private static List<String> javaClass(Random rnd, int n) {
        List<String> l = new ArrayList<>();
        String name = cap(word(rnd)) + cap(word(rnd)) + n;
        l.add("/**");
        l.add(" * " + cap(word(rnd)) + " " + word(rnd) + " handling for the " + word(rnd) + " " + word(rnd) + ".");
        l.add(" */");
        l.add("public final class " + name + " {");
        int fields = 2 + rnd.nextInt(4);
        for (int f = 0; f < fields; f++) {
            l.add("    private " + type(rnd) + " " + word(rnd) + f + ";");
        }
        l.add("");
        int methods = 3 + rnd.nextInt(5);
        for (int m = 0; m < methods; m++) {
            String ret = type(rnd);
            l.add("    public " + ret + " " + word(rnd) + cap(word(rnd)) + m + "(" + type(rnd) + " " + word(rnd)
                    + ", int " + word(rnd) + "Limit) {");
            int statements = 3 + rnd.nextInt(8);
            for (int s = 0; s < statements; s++) {
                String v = word(rnd) + s;
                switch (rnd.nextInt(4)) {
                    case 0 -> l.add("        int " + v + " = " + word(rnd) + "Limit * " + (rnd.nextInt(97) + 2) + " + "
                            + rnd.nextInt(1000) + ";");
                    case 1 -> {
                        l.add("        if (" + word(rnd) + ".isEmpty() && " + rnd.nextInt(100) + " < " + word(rnd)
                                + "Limit) {");
                        l.add("            log(\"" + word(rnd) + " " + word(rnd) + " " + rnd.nextInt(10_000) + "\");");
                        l.add("        }");
                    }
                    case 2 -> {
                        l.add("        for (int i = 0; i < " + rnd.nextInt(64) + "; i++) {");
                        l.add("            " + word(rnd) + ".add(" + word(rnd) + "(i, " + rnd.nextInt(512) + "));");
                        l.add("        }");
                    }
                    default -> l.add("        " + word(rnd) + "." + word(rnd) + cap(word(rnd)) + "(\"" + word(rnd)
                            + "-" + rnd.nextInt(100_000) + "\");");
                }
            }
            l.add("        return " + defaultValue(ret) + ";");
            l.add("    }");
            l.add("");
        }
        l.add("}");
        l.add("");
        return l;
    }

    private static String defaultValue(String type) {
        return switch (type) {
            case "int", "long" -> "0";
            case "boolean" -> "false";
            default -> "null";
        };
    }

    private static String type(Random rnd) {
        return TYPES[rnd.nextInt(TYPES.length)];
    }

    private static String word(Random rnd) {
        return WORDS[rnd.nextInt(WORDS.length)];
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static byte[] join(List<String> lines) {
        StringBuilder sb = new StringBuilder(lines.size() * 48);
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
