package io.steadystate.merge.internal.java;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The annotations of one member, one per line, merged as a set when both sides changed the member:
 * annotations commute, so both sides' additions are kept (ours first) and one is dropped only where a
 * side deleted it. The rest of the member must have been changed on at most one side. Two annotations
 * of one name in the result (both sides changed its arguments, say) are a conflict.
 */
final class Annotations {

    private Annotations() {
    }

    /** A member's lines, with where its annotation lines are: {@code [from, to)}. */
    private record Split(List<String> lines, int from, int to) {
        static Split of(String text) {
            List<String> lines = new ArrayList<>(List.of(text.split("(?<=\n)")));
            int i = 0;
            while (i < lines.size() && isTrivia(lines.get(i).strip())) {
                i++;
            }
            int j = i;
            while (j < lines.size() && isAnnotationLine(lines.get(j).strip())) {
                j++;
            }
            return new Split(lines, i, j);
        }

        List<String> annotations() {
            return lines.subList(from, to).stream().map(String::strip).toList();
        }

        String rest() {
            return String.join("", lines.subList(0, from)) + String.join("", lines.subList(to, lines.size()));
        }
    }

    /** The merged member, or null when the annotations cannot explain the difference or conflict. */
    static String merge(String base, String ours, String theirs) {
        Split b = Split.of(base);
        Split o = Split.of(ours);
        Split t = Split.of(theirs);
        Split kept;
        if (o.rest().equals(t.rest()) || t.rest().equals(b.rest())) {
            kept = o;
        } else if (o.rest().equals(b.rest())) {
            kept = t;
        } else {
            return null;
        }
        Set<String> baseSet = new HashSet<>(b.annotations());
        Set<String> oursSet = new HashSet<>(o.annotations());
        Set<String> theirsSet = new HashSet<>(t.annotations());
        List<String> merged = new ArrayList<>();
        for (String a : o.annotations()) {
            if (!baseSet.contains(a) || theirsSet.contains(a)) {
                merged.add(a);
            }
        }
        List<String> theirsOrder = t.annotations();
        for (int k = 0; k < theirsOrder.size(); k++) {
            String a = theirsOrder.get(k);
            if (merged.contains(a) || baseSet.contains(a) && !oursSet.contains(a)) {
                continue;
            }
            int at = 0;
            for (int p = k - 1; p >= 0; p--) {
                int idx = merged.indexOf(theirsOrder.get(p));
                if (idx >= 0) {
                    at = idx + 1;
                    break;
                }
            }
            // What ours added at the same place comes first.
            while (at < merged.size() && !baseSet.contains(merged.get(at)) && !theirsSet.contains(merged.get(at))) {
                at++;
            }
            merged.add(at, a);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String a : merged) {
            if (!names.add(name(a))) {
                return null;
            }
        }
        String indent = indent(kept, o, t);
        List<String> out = new ArrayList<>(kept.lines().subList(0, kept.from()));
        merged.forEach(a -> out.add(indent + a + "\n"));
        out.addAll(kept.lines().subList(kept.to(), kept.lines().size()));
        return String.join("", out);
    }

    private static String indent(Split kept, Split o, Split t) {
        for (Split s : List.of(kept, o, t)) {
            if (s.to() > s.from()) {
                String line = s.lines().get(s.from());
                return line.substring(0, line.length() - line.stripLeading().length());
            }
        }
        String decl = kept.from() < kept.lines().size() ? kept.lines().get(kept.from()) : "";
        return decl.substring(0, decl.length() - decl.stripLeading().length());
    }

    private static String name(String annotation) {
        int end = 1;
        while (end < annotation.length() && (Character.isJavaIdentifierPart(annotation.charAt(end)) || annotation.charAt(end) == '.')) {
            end++;
        }
        return annotation.substring(0, end);
    }

    private static boolean isTrivia(String s) {
        return s.isEmpty() || s.startsWith("//") || s.startsWith("/*") || s.startsWith("*");
    }

    /** A line holding whole annotations and nothing else (parentheses balanced, no declaration after them). */
    private static boolean isAnnotationLine(String s) {
        if (!s.startsWith("@") || s.startsWith("@interface") || s.contains("{") && !s.contains("(")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && (c == ';' || c == '{' || c == '=')) {
                return false;
            }
        }
        if (depth != 0) {
            return false;
        }
        // After the last annotation's name or arguments nothing but another annotation may follow.
        String tail = s.replaceAll("@[\\w.]+(\\s*\\((?:[^()]|\\([^()]*\\))*\\))?", "").strip();
        return tail.isEmpty();
    }
}
