package io.steadystate.merge.internal.java;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether two members added on different sides look like two versions of one member (one side
 * renamed what the other wrote, say). Keeping both would then be a guess that compiles and is wrong,
 * so such pairs are conflicts.
 */
final class Similarity {

    /** Lines shorter than this (braces, {@code @Test}) say nothing about what a member is. */
    private static final int MIN_LINE = 8;
    private static final double SAME_SHARE = 0.5;

    private Similarity() {
    }

    static boolean similar(TypeBody.Member a, String aText, TypeBody.Member b, String bText) {
        if (a == null || b == null || !kind(a).equals(kind(b))) {
            return false;
        }
        List<String> la = significant(aText, a.name());
        List<String> lb = significant(bText, b.name());
        if (la.size() < 2 || lb.size() < 2) {
            return false;
        }
        Map<String, Integer> counts = new HashMap<>();
        la.forEach(l -> counts.merge(l, 1, Integer::sum));
        int common = 0;
        for (String l : lb) {
            Integer n = counts.get(l);
            if (n != null && n > 0) {
                counts.put(l, n - 1);
                common++;
            }
        }
        return 2.0 * common / (la.size() + lb.size()) >= SAME_SHARE;
    }

    private static String kind(TypeBody.Member m) {
        return m.key().substring(0, m.key().indexOf(' ') + 1);
    }

    /** Trimmed lines that say something, leaving out those naming the member (they differ by the rename). */
    private static List<String> significant(String text, String name) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.length() >= MIN_LINE && s.chars().anyMatch(Character::isLetter) && (name.isEmpty() || !s.contains(name))) {
                out.add(s);
            }
        }
        return out;
    }
}
