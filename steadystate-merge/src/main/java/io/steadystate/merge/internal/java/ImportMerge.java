package io.steadystate.merge.internal.java;

import io.steadystate.merge.structure.ConflictRegion;
import io.steadystate.merge.structure.LineRange;
import io.steadystate.merge.structure.RegionOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A region made only of import declarations and blank lines, merged as a set: an import stays unless
 * a side deleted it, an import either side added is kept once. The layout (order and blank lines
 * between groups) is ours, with theirs' additions placed after the import they follow in theirs, or
 * at their sorted place when the group they land in is sorted.
 */
final class ImportMerge {

    static final String RULE = "imports merged as a set (an import is dropped only where a side deleted it)";

    private ImportMerge() {
    }

    /** One line of a region: an import (with its key) or a blank line (key null). */
    private record Entry(String key, String text) {
        boolean blank() {
            return key == null;
        }
    }

    /** The merged region, or null when the region is not made of imports and blank lines only. */
    static RegionOutcome resolve(JavaFileMerge.Versions v, ConflictRegion region) {
        LineRange[] ranges = {region.base(), region.ours(), region.theirs()};
        List<List<Entry>> inRegion = new ArrayList<>(3);
        boolean anyImport = false;
        for (int side = 0; side < 3; side++) {
            List<Entry> entries = entries(v.get(side), ranges[side]);
            if (entries == null) {
                return null;
            }
            anyImport |= entries.stream().anyMatch(e -> !e.blank());
            inRegion.add(entries);
        }
        if (!anyImport) {
            return null;
        }
        List<Entry> baseRegion = inRegion.get(0);
        List<Entry> oursRegion = inRegion.get(1);
        List<Entry> theirsRegion = inRegion.get(2);
        for (List<Entry> entries : inRegion) {
            if (hasDuplicate(entries)) {
                return new RegionOutcome.Declined("an import appears twice in the region");
            }
        }
        Set<String> all = merged(keys(v.base(), null), keys(v.ours(), null), keys(v.theirs(), null));
        Set<String> outside = merged(keys(v.base(), ranges[0]), keys(v.ours(), ranges[1]), keys(v.theirs(), ranges[2]));
        if (!all.containsAll(outside)) {
            // An import a side deleted survives outside the region: the line merge and the set
            // disagree, and a person should look.
            return new RegionOutcome.Conflict("imports moved into and out of the conflicting lines");
        }
        Set<String> oursOutside = keys(v.ours(), ranges[1]);
        Set<String> theirsOutside = keys(v.theirs(), ranges[2]);
        Set<String> keep = new HashSet<>();
        for (List<Entry> entries : List.of(oursRegion, theirsRegion)) {
            for (Entry e : entries) {
                if (e.blank()) {
                    continue;
                }
                // An import one side has here and the other elsewhere was moved: where it belongs
                // depends on how other regions settle, which this region cannot see.
                if (oursOutside.contains(e.key()) != theirsOutside.contains(e.key())) {
                    return new RegionOutcome.Conflict("an import moved on one side: " + e.key());
                }
                if (all.contains(e.key()) && !oursOutside.contains(e.key())) {
                    keep.add(e.key());
                }
            }
        }
        Set<String> added = new HashSet<>();
        for (Entry e : oursRegion) {
            if (!e.blank() && baseRegion.stream().noneMatch(b -> e.key().equals(b.key()))) {
                added.add(e.key());
            }
        }

        boolean oursLeads = oursRegion.stream().anyMatch(e -> !e.blank() && keep.contains(e.key()));
        List<Entry> layout = oursLeads ? oursRegion : theirsRegion;
        List<Entry> other = oursLeads ? theirsRegion : oursRegion;
        List<Entry> result = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Entry e : layout) {
            if (e.blank() || keep.contains(e.key())) {
                result.add(e);
                if (!e.blank()) {
                    placed.add(e.key());
                }
            }
        }
        for (int j = 0; j < other.size(); j++) {
            Entry e = other.get(j);
            if (e.blank() || !keep.contains(e.key()) || placed.contains(e.key())) {
                continue;
            }
            result.add(position(result, other, j, added), e);
            placed.add(e.key());
        }
        if (!placed.equals(keep)) {
            return new RegionOutcome.Declined("an import to keep is in neither side's conflicting lines");
        }
        return new RegionOutcome.Resolved(text(tidy(result, layout)), RULE);
    }

    /** Where the other side's import {@code other[j]} goes in {@code result}. */
    private static int position(List<Entry> result, List<Entry> other, int j, Set<String> oursAdded) {
        String key = other.get(j).key();
        int pos = -1;
        for (int k = j - 1; k >= 0 && pos < 0; k--) {
            int at = indexOf(result, other.get(k).key());
            if (at >= 0) {
                pos = at + 1;
            }
        }
        if (pos < 0) {
            for (int k = j + 1; k < other.size() && pos < 0; k++) {
                pos = indexOf(result, other.get(k).key());
            }
        }
        if (pos < 0) {
            pos = lastImport(result) + 1;
        }
        // In a sorted group, the sorted place; else after what the layout side added there (ours first).
        int groupFrom = pos;
        while (groupFrom > 0 && !result.get(groupFrom - 1).blank()) {
            groupFrom--;
        }
        int groupTo = pos;
        while (groupTo < result.size() && !result.get(groupTo).blank()) {
            groupTo++;
        }
        if (groupTo - groupFrom >= 2 && sorted(result.subList(groupFrom, groupTo))) {
            int at = groupFrom;
            while (at < groupTo && result.get(at).key().compareTo(key) < 0) {
                at++;
            }
            return at;
        }
        while (pos < result.size() && !result.get(pos).blank() && oursAdded.contains(result.get(pos).key())) {
            pos++;
        }
        return pos;
    }

    /** Blank lines as the layout side had them: never two where it had one, none at an end where it had none. */
    private static List<Entry> tidy(List<Entry> result, List<Entry> layout) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : result) {
            if (e.blank() && !out.isEmpty() && out.getLast().blank() && !hasDoubleBlank(layout)) {
                continue;
            }
            out.add(e);
        }
        boolean leadingBlank = !layout.isEmpty() && layout.getFirst().blank();
        while (!leadingBlank && !out.isEmpty() && out.getFirst().blank()) {
            out.removeFirst();
        }
        boolean trailingBlank = !layout.isEmpty() && layout.getLast().blank();
        while (!trailingBlank && !out.isEmpty() && out.getLast().blank()) {
            out.removeLast();
        }
        return out;
    }

    private static boolean hasDoubleBlank(List<Entry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).blank() && entries.get(i - 1).blank()) {
                return true;
            }
        }
        return false;
    }

    private static boolean sorted(List<Entry> group) {
        for (int i = 1; i < group.size(); i++) {
            if (group.get(i - 1).key().compareTo(group.get(i).key()) > 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(List<Entry> entries, String key) {
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (key.equals(entries.get(i).key())) {
                return i;
            }
        }
        return -1;
    }

    private static int lastImport(List<Entry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (!entries.get(i).blank()) {
                return i;
            }
        }
        return -1;
    }

    private static String text(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        entries.forEach(e -> sb.append(e.text()));
        return sb.toString();
    }

    private static boolean hasDuplicate(List<Entry> entries) {
        Set<String> seen = new HashSet<>();
        for (Entry e : entries) {
            if (!e.blank() && !seen.add(e.key())) {
                return true;
            }
        }
        return false;
    }

    /** Three-way merge of sets: what either side has, less what a side deleted from the base. */
    static Set<String> merged(Set<String> base, Set<String> ours, Set<String> theirs) {
        Set<String> out = new LinkedHashSet<>();
        for (Set<String> side : List.of(ours, theirs)) {
            for (String x : side) {
                if (!base.contains(x) || (ours.contains(x) && theirs.contains(x))) {
                    out.add(x);
                }
            }
        }
        return out;
    }

    /** The imports of {@code source}, outside {@code except} when it is given. */
    private static Set<String> keys(JavaSource source, LineRange except) {
        Set<String> keys = new HashSet<>();
        for (JavaSource.ImportLine imp : source.imports()) {
            if (except == null || imp.last() < except.from() || imp.first() >= except.to()) {
                keys.add(imp.key());
            }
        }
        return keys;
    }

    /** The region's lines as entries, or null when a line is neither blank nor a whole import. */
    private static List<Entry> entries(JavaSource source, LineRange range) {
        Map<Integer, JavaSource.ImportLine> byFirst = new HashMap<>();
        for (JavaSource.ImportLine imp : source.imports()) {
            byFirst.put(imp.first(), imp);
        }
        List<Entry> entries = new ArrayList<>();
        int line = range.from();
        while (line < range.to()) {
            JavaSource.ImportLine imp = byFirst.get(line);
            if (imp != null && imp.last() < range.to() && wholeLines(source, imp)) {
                entries.add(new Entry(imp.key(), source.lines(imp.first(), imp.last() + 1)));
                line = imp.last() + 1;
            } else if (source.isBlank(line)) {
                entries.add(new Entry(null, source.line(line)));
                line++;
            } else {
                return null;
            }
        }
        return entries;
    }

    /** Whether the import's lines hold nothing but the import. */
    private static boolean wholeLines(JavaSource source, JavaSource.ImportLine imp) {
        String text = source.lines(imp.first(), imp.last() + 1).strip();
        return text.startsWith("import") && text.endsWith(";") && text.indexOf(';') == text.length() - 1;
    }
}
