package io.steadystate.merge.internal.java;

import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.MergePolicy;
import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.internal.TextMergeEngine;
import io.steadystate.merge.structure.ConflictRegion;
import io.steadystate.merge.structure.LineRange;
import io.steadystate.merge.structure.RegionOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A region inside the body of one type, widened to whole members, merged member by member: members
 * are matched by kind, name and parameter types; a member one side changed takes that change; a
 * member both changed is merged as text and must come out clean; members both sides added are all
 * kept, ours first. A member deleted on one side and changed on the other, the same member added
 * twice differently, two added members that look like versions of one (a rename), a member added
 * here that exists elsewhere in the type, or members moved around, are conflicts.
 */
final class MemberMerge {

    /** The pseudo-member for what follows the last member up to the closing brace; always last. */
    private static final String TRAILER = "\u0000trailer";

    private MemberMerge() {
    }

    static RegionOutcome resolve(JavaFileMerge.Versions v, ConflictRegion region, MergeOptions options, TimeBound bound) {
        LineRange[] ranges = {region.base(), region.ours(), region.theirs()};
        TypeBody[] bodies = new TypeBody[3];
        for (int s = 0; s < 3; s++) {
            bodies[s] = enclosing(v.get(s), ranges[s]);
            if (bodies[s] == null) {
                return new RegionOutcome.Declined("not within the members of one type");
            }
        }
        if (!bodies[0].path().equals(bodies[1].path()) || !bodies[0].path().equals(bodies[2].path())) {
            return new RegionOutcome.Declined("the sides' regions lie in different types");
        }
        int[][] widened = widen(v, bodies, ranges);
        if (widened == null) {
            return new RegionOutcome.Declined("the region does not widen to the same whole members on every side");
        }
        int[] from = widened[0];
        int[] to = widened[1];

        List<Map<String, String>> texts = new ArrayList<>(3);
        List<Map<String, TypeBody.Member>> members = new ArrayList<>(3);
        for (int s = 0; s < 3; s++) {
            Map<String, String> t = new LinkedHashMap<>();
            Map<String, TypeBody.Member> m = new LinkedHashMap<>();
            for (TypeBody.Member member : bodies[s].members()) {
                if (member.from() >= from[s] && member.to() <= to[s]) {
                    if (t.put(member.key(), v.get(s).lines(member.from(), member.to())) != null) {
                        return new RegionOutcome.Declined("two members with one signature");
                    }
                    m.put(member.key(), member);
                }
            }
            if (to[s] == bodies[s].close() && bodies[s].trailerFrom() < bodies[s].close() && from[s] <= bodies[s].trailerFrom()) {
                t.put(TRAILER, v.get(s).lines(bodies[s].trailerFrom(), bodies[s].close()));
            }
            texts.add(t);
            members.add(m);
        }
        Map<String, String> base = texts.get(0);
        Map<String, String> ours = texts.get(1);
        Map<String, String> theirs = texts.get(2);
        if (!sameOrder(base, ours, theirs)) {
            return new RegionOutcome.Conflict("members were moved");
        }
        List<String> oursAdded = added(base, ours);
        List<String> theirsAdded = added(base, theirs);
        for (String a : oursAdded) {
            for (String b : theirsAdded) {
                if (!a.equals(b) && Similarity.similar(members.get(1).get(a), ours.get(a), members.get(2).get(b), theirs.get(b))) {
                    return new RegionOutcome.Conflict("both sides added members that look like versions of one: "
                            + describe(a) + ", " + describe(b));
                }
            }
        }
        for (String a : oursAdded) {
            if (elsewhere(bodies[2], a, from[2], to[2])) {
                return new RegionOutcome.Conflict(describe(a) + " added here by ours and elsewhere by theirs");
            }
        }
        for (String b : theirsAdded) {
            if (elsewhere(bodies[1], b, from[1], to[1])) {
                return new RegionOutcome.Conflict(describe(b) + " added here by theirs and elsewhere by ours");
            }
        }

        Report report = new Report();
        List<String> keys = new ArrayList<>();
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : ours.keySet()) {
            String o = ours.get(key);
            String b = base.get(key);
            String t = theirs.get(key);
            if (b != null) {
                if (t != null) {
                    if (bound.expired()) {
                        throw new TimeBound.Expired();
                    }
                    String m = merge3(b, o, t, options, key, report);
                    if (m == null) {
                        return new RegionOutcome.Conflict(describe(key) + " changed on both sides");
                    }
                    result.put(key, m);
                } else if (!o.equals(b)) {
                    return new RegionOutcome.Conflict(describe(key) + " deleted by theirs and changed by ours");
                } else {
                    report.deleted.add(describe(key));
                }
            } else if (t != null && !t.equals(o)) {
                return new RegionOutcome.Conflict(describe(key) + " added on both sides, differently");
            } else {
                result.put(key, o);
                if (t == null) {
                    report.added.add(describe(key));
                }
            }
        }
        for (String key : base.keySet()) {
            if (!ours.containsKey(key)) {
                String t = theirs.get(key);
                if (t != null && !t.equals(base.get(key))) {
                    return new RegionOutcome.Conflict(describe(key) + " deleted by ours and changed by theirs");
                }
                report.deleted.add(describe(key));
            }
        }
        keys.addAll(result.keySet());
        List<String> theirsKeys = new ArrayList<>(theirs.keySet());
        for (int j = 0; j < theirsKeys.size(); j++) {
            String key = theirsKeys.get(j);
            if (base.containsKey(key) || ours.containsKey(key)) {
                continue;
            }
            int pos = 0;
            for (int k = j - 1; k >= 0; k--) {
                int at = keys.indexOf(theirsKeys.get(k));
                if (at >= 0) {
                    pos = at + 1;
                    break;
                }
            }
            // What ours added at the same place comes first.
            while (pos < keys.size() && !base.containsKey(keys.get(pos)) && ours.containsKey(keys.get(pos))
                    && !keys.get(pos).equals(TRAILER)) {
                pos++;
            }
            if (pos == keys.size() && !keys.isEmpty() && keys.getLast().equals(TRAILER)) {
                pos--;
            }
            keys.add(pos, key);
            result.put(key, theirs.get(key));
            report.added.add(describe(key));
        }

        StringBuilder merged = new StringBuilder();
        for (String key : keys) {
            merged.append(result.get(key));
        }
        String prefix = context(v, ranges, ranges[1].from() - from[1], true);
        String suffix = context(v, ranges, to[1] - ranges[1].to(), false);
        if (prefix == null || suffix == null || merged.length() < prefix.length() + suffix.length()
                || !merged.toString().startsWith(prefix) || !merged.toString().endsWith(suffix)) {
            return new RegionOutcome.Declined("the merged members change lines around the region");
        }
        String text = merged.substring(prefix.length(), merged.length() - suffix.length());
        // The engine checks that the output around the region is this context, as the line merge wrote it.
        return new RegionOutcome.Resolved(text, report.rule(), prefix, suffix);
    }

    /**
     * The {@code count} lines just before (or after) the region, merged line by line (a line one side
     * changed takes the change): what the line merge wrote there when the sides line up; the engine
     * checks it. Null when a line was changed differently on both sides.
     */
    private static String context(JavaFileMerge.Versions v, LineRange[] ranges, int count, boolean before) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String[] line = new String[3];
            for (int s = 0; s < 3; s++) {
                int at = before ? ranges[s].from() - count + i : ranges[s].to() + i;
                line[s] = v.get(s).line(at);
            }
            String b = line[0];
            String o = line[1];
            String t = line[2];
            String m = o.equals(t) || t.equals(b) ? o : o.equals(b) ? t : null;
            if (m == null) {
                return null;
            }
            sb.append(m);
        }
        return sb.toString();
    }

    /** What the rule did, for the explanation. */
    private static final class Report {
        final Set<String> added = new TreeSet<>();
        final Set<String> deleted = new TreeSet<>();
        final Set<String> changed = new TreeSet<>();
        final Set<String> mergedAsText = new TreeSet<>();
        final Set<String> annotations = new TreeSet<>();

        String rule() {
            StringBuilder sb = new StringBuilder("type members merged by signature");
            append(sb, "added", added);
            append(sb, "deleted", deleted);
            append(sb, "changed on one side", changed);
            append(sb, "changed on both sides, merged as text", mergedAsText);
            append(sb, "annotations merged as a set", annotations);
            return sb.toString();
        }

        private static void append(StringBuilder sb, String what, Set<String> names) {
            if (!names.isEmpty()) {
                sb.append("; ").append(what).append(": ").append(String.join(", ", names));
            }
        }
    }

    private static String merge3(String b, String o, String t, MergeOptions options, String key, Report report) {
        if (o.equals(t) || t.equals(b)) {
            if (!o.equals(b)) {
                report.changed.add(describe(key));
            }
            return o;
        }
        if (o.equals(b)) {
            report.changed.add(describe(key));
            return t;
        }
        MergeOptions text = options.withStructured(false).withPolicy(MergePolicy.CONFLICT).withOrderInsertions(false);
        TextMergeResult r = TextMergeEngine.merge(b.getBytes(StandardCharsets.UTF_8), o.getBytes(StandardCharsets.UTF_8),
                t.getBytes(StandardCharsets.UTF_8), text);
        if (r instanceof TextMergeResult.Merged m && m.isClean()) {
            report.mergedAsText.add(describe(key));
            return new String(m.content(), StandardCharsets.UTF_8);
        }
        String annotated = Annotations.merge(b, o, t);
        if (annotated != null) {
            report.annotations.add(describe(key));
        }
        return annotated;
    }

    private static String describe(String key) {
        return key.equals(TRAILER) ? "the end of the type body" : key;
    }

    private static List<String> added(Map<String, String> base, Map<String, String> side) {
        List<String> out = new ArrayList<>();
        for (String k : side.keySet()) {
            if (!base.containsKey(k) && !k.equals(TRAILER)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Whether the members all three versions have come in the same order in each. */
    private static boolean sameOrder(Map<String, String> base, Map<String, String> ours, Map<String, String> theirs) {
        Set<String> common = new HashSet<>(base.keySet());
        common.retainAll(ours.keySet());
        common.retainAll(theirs.keySet());
        List<String> b = base.keySet().stream().filter(common::contains).toList();
        return b.equals(ours.keySet().stream().filter(common::contains).toList())
                && b.equals(theirs.keySet().stream().filter(common::contains).toList());
    }

    private static boolean elsewhere(TypeBody body, String key, int from, int to) {
        for (TypeBody.Member m : body.members()) {
            if (m.key().equals(key) && (m.to() <= from || m.from() >= to)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost type whose member lines hold the whole range. */
    private static TypeBody enclosing(JavaSource source, LineRange range) {
        TypeBody best = null;
        for (TypeBody body : source.types()) {
            boolean holds = range.from() >= body.membersFrom() && range.to() <= body.close();
            if (holds && (best == null || body.membersFrom() > best.membersFrom())) {
                best = body;
            }
        }
        return best;
    }

    /**
     * The region widened to member boundaries on every side, by the same number of lines before and
     * after it on every side, as {@code {from[], to[]}}; null when no such widening exists.
     */
    private static int[][] widen(JavaFileMerge.Versions v, TypeBody[] bodies, LineRange[] ranges) {
        int[] from = new int[3];
        int[] to = new int[3];
        for (int s = 0; s < 3; s++) {
            from[s] = boundaryAtOrBefore(bodies[s], ranges[s].from());
            to[s] = boundaryAtOrAfter(bodies[s], ranges[s].to());
        }
        for (int round = 0; round < 16; round++) {
            int before = 0;
            int after = 0;
            for (int s = 0; s < 3; s++) {
                before = Math.max(before, ranges[s].from() - from[s]);
                after = Math.max(after, to[s] - ranges[s].to());
            }
            boolean changed = false;
            for (int s = 0; s < 3; s++) {
                int f = ranges[s].from() - before;
                int t = ranges[s].to() + after;
                if (f < bodies[s].membersFrom() || t > bodies[s].close()) {
                    return null;
                }
                f = boundaryAtOrBefore(bodies[s], f);
                t = boundaryAtOrAfter(bodies[s], t);
                changed |= f != from[s] || t != to[s];
                from[s] = f;
                to[s] = t;
            }
            if (!changed) {
                return new int[][] {from, to};
            }
        }
        return null;
    }

    private static int boundaryAtOrBefore(TypeBody body, int line) {
        int best = body.membersFrom();
        for (TypeBody.Member m : body.members()) {
            if (m.from() <= line) {
                best = Math.max(best, m.from());
            }
        }
        if (body.trailerFrom() <= line) {
            best = Math.max(best, body.trailerFrom());
        }
        return best;
    }

    private static int boundaryAtOrAfter(TypeBody body, int line) {
        int best = body.close();
        for (TypeBody.Member m : body.members()) {
            if (m.from() >= line) {
                best = Math.min(best, m.from());
            }
        }
        if (body.trailerFrom() >= line) {
            best = Math.min(best, body.trailerFrom());
        }
        return best;
    }
}
