package io.steadystate.merge.tree.internal;

import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ConflictKind;
import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.MergeStats;
import io.steadystate.merge.tree.MergedEntry;
import io.steadystate.merge.tree.Side;
import io.steadystate.merge.tree.TreeConflict;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeMergeResult;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One tree merge. Each path is first merged on its own; then files that collide with directories are
 * moved aside, and last every displaced version gets a free name. All state is kept in sorted maps so
 * that the result never depends on iteration order.
 */
public final class TreeMergeEngine {

    /** Suffix for a text-merged file that had to make way for a directory. */
    private static final String MERGED = "merged";

    private enum Bucket { UNCHANGED, LOCAL, CANONICAL, IDENTICAL, MERGED, CONFLICT, DELETED }

    /** A version displaced from {@code path}, waiting for a free name. */
    private static final class Aside {
        final String path;
        final String owner;
        final MergedEntry entry;
        String savedAs;

        Aside(String path, String owner, MergedEntry entry) {
            this.path = path;
            this.owner = owner;
            this.entry = entry;
        }
    }

    private record Pending(ConflictKind kind, String message, List<Aside> asides) {
    }

    private final TextMerger text;
    /**
     * For files both sides added: two unrelated whole files are not two insertions to interleave, so
     * the insertion-ordering rule is off and they conflict unless one extends the other.
     */
    private final TextMerger addAdd;
    private final TreeMap<String, MergedEntry> merged = new TreeMap<>();
    private final TreeMap<String, List<Pending>> conflicts = new TreeMap<>();
    private final TreeMap<String, Bucket> buckets = new TreeMap<>();
    private final List<Aside> asides = new ArrayList<>();
    private long bytesMerged;

    private TreeMergeEngine(TextMerger text) {
        this.text = text;
        this.addAdd = text.options().orderInsertions() ? new TextMerger(text.options().withOrderInsertions(false)) : text;
    }

    public static TreeMergeResult merge(TreeSnapshot base, TreeSnapshot local, TreeSnapshot canonical, TextMerger text)
            throws IOException {
        TreeSet<String> paths = new TreeSet<>(base.asMap().keySet());
        paths.addAll(local.asMap().keySet());
        paths.addAll(canonical.asMap().keySet());
        TreeMergeEngine engine = new TreeMergeEngine(text);
        for (String path : paths) {
            engine.mergePath(path, base.asMap().get(path), local.asMap().get(path), canonical.asMap().get(path));
        }
        engine.separateFilesFromDirectories();
        engine.placeAsides();
        return engine.result();
    }

    private static boolean same(TreeEntry a, TreeEntry b) throws IOException {
        return a == null ? b == null : b != null && a.sameAs(b);
    }

    private void mergePath(String path, TreeEntry b, TreeEntry l, TreeEntry c) throws IOException {
        if (same(l, c)) {
            if (c == null) {
                buckets.put(path, Bucket.DELETED);
            } else {
                keep(Side.CANONICAL, c, same(b, c) ? Bucket.UNCHANGED : Bucket.IDENTICAL);
            }
        } else if (same(b, l)) {
            take(path, Side.CANONICAL, c);
        } else if (same(b, c)) {
            take(path, Side.LOCAL, l);
        } else if (l == null) {
            keep(Side.CANONICAL, c, Bucket.CONFLICT);
            conflict(path, ConflictKind.DELETE_MODIFY, "deleted by local, changed by canonical; canonical's version kept");
        } else if (c == null) {
            keep(Side.LOCAL, l, Bucket.CONFLICT);
            conflict(path, ConflictKind.DELETE_MODIFY, "deleted by canonical, changed by local; local's version kept");
        } else if (l.kind().isRegularFile() && c.kind().isRegularFile()) {
            mergeFiles(path, b, l, c);
        } else if (l.kind() == c.kind()) {
            keep(Side.CANONICAL, c, Bucket.CONFLICT);
            if (c.kind() == EntryKind.SYMLINK) {
                conflict(path, ConflictKind.SYMLINK, "symlink changed on both sides: canonical's target '"
                        + target(c) + "' kept, local's target '" + target(l) + "' not applied");
            } else {
                conflict(path, ConflictKind.SUBMODULE, "submodule moved on both sides: canonical's commit "
                        + c.blobId() + " kept, local's commit " + l.blobId() + " not applied");
            }
        } else {
            keep(Side.CANONICAL, c, Bucket.CONFLICT);
            Aside aside = aside(path, Side.LOCAL.label(), MergedEntry.Kept.of(Side.LOCAL, l));
            conflict(path, new Pending(ConflictKind.TYPE, "canonical made this a " + name(c.kind())
                    + " and local a " + name(l.kind()) + "; canonical's kept", List.of(aside)));
        }
    }

    private void take(String path, Side side, TreeEntry entry) {
        if (entry == null) {
            buckets.put(path, Bucket.DELETED);
        } else {
            keep(side, entry, side == Side.LOCAL ? Bucket.LOCAL : Bucket.CANONICAL);
        }
    }

    private void keep(Side side, TreeEntry entry, Bucket bucket) {
        merged.put(entry.path(), MergedEntry.Kept.of(side, entry));
        buckets.put(entry.path(), bucket);
    }

    /** Both sides changed a regular file: content and executable bit are merged separately. */
    private void mergeFiles(String path, TreeEntry b, TreeEntry l, TreeEntry c) throws IOException {
        boolean baseIsFile = b != null && b.kind().isRegularFile();
        boolean bx = baseIsFile && b.kind() == EntryKind.EXECUTABLE;
        boolean lx = l.kind() == EntryKind.EXECUTABLE;
        boolean cx = c.kind() == EntryKind.EXECUTABLE;
        boolean executable;
        boolean modeConflict = false;
        if (lx == cx || baseIsFile && bx == lx) {
            executable = cx;
        } else if (baseIsFile && bx == cx) {
            executable = lx;
        } else {
            executable = cx;
            modeConflict = true;
        }
        EntryKind kind = executable ? EntryKind.EXECUTABLE : EntryKind.FILE;
        boolean contentConflict = false;

        BlobId baseId = baseIsFile ? b.blobId() : null;
        BlobId localId = l.blobId();
        BlobId canonicalId = c.blobId();
        if (localId.equals(canonicalId) || localId.equals(baseId)) {
            merged.put(path, new MergedEntry.Kept(path, kind, Side.CANONICAL, c));
        } else if (canonicalId.equals(baseId)) {
            merged.put(path, new MergedEntry.Kept(path, kind, Side.LOCAL, l));
        } else {
            byte[] baseBytes = baseIsFile ? b.read() : new byte[0];
            TextMergeResult result = (baseIsFile ? text : addAdd).merge(path, baseBytes, c.read(), l.read());
            if (result instanceof TextMergeResult.Merged m) {
                merged.put(path, new MergedEntry.Written(path, kind, m.content()));
                bytesMerged += m.content().length;
                if (m.conflictCount() > 0) {
                    contentConflict = true;
                    conflict(path, ConflictKind.CONTENT, "changed on both sides; " + m.conflictCount()
                            + (m.conflictCount() == 1 ? " conflict" : " conflicts") + " marked in the file");
                }
            } else {
                contentConflict = true;
                merged.put(path, new MergedEntry.Kept(path, kind, Side.CANONICAL, c));
                Aside aside = aside(path, Side.LOCAL.label(), MergedEntry.Kept.of(Side.LOCAL, l));
                conflict(path, new Pending(ConflictKind.BINARY,
                        "binary file changed on both sides; canonical's version kept", List.of(aside)));
            }
        }
        if (modeConflict) {
            conflict(path, ConflictKind.MODE, "executable bit " + (cx ? "set" : "cleared") + " by canonical and "
                    + (lx ? "set" : "cleared") + " by local; canonical's mode kept");
        }
        buckets.put(path, contentConflict || modeConflict ? Bucket.CONFLICT : Bucket.MERGED);
    }

    /** Moves every file that is also a directory of other merged entries out of the directory's way. */
    private void separateFilesFromDirectories() {
        for (String path : new ArrayList<>(merged.keySet())) {
            if (!TreePaths.hasDescendant(merged.navigableKeySet(), path)) {
                continue;
            }
            MergedEntry file = merged.remove(path);
            String owner = file instanceof MergedEntry.Kept k ? k.side().label() : MERGED;
            Aside aside = aside(path, owner, file);
            conflict(path, new Pending(ConflictKind.FILE_DIRECTORY,
                    "a file on one side and a directory on the other; the directory is kept", List.of(aside)));
            buckets.put(path, Bucket.CONFLICT);
        }
    }

    private void placeAsides() {
        asides.sort(Comparator.comparing((Aside a) -> a.path).thenComparing(a -> a.owner));
        for (Aside aside : asides) {
            String name = aside.path + "~" + aside.owner;
            for (int n = 2; merged.containsKey(name) || TreePaths.hasDescendant(merged.navigableKeySet(), name); n++) {
                name = aside.path + "~" + aside.owner + "~" + n;
            }
            aside.savedAs = name;
            merged.put(name, relocate(aside.entry, name));
        }
    }

    private static MergedEntry relocate(MergedEntry entry, String path) {
        return switch (entry) {
            case MergedEntry.Kept k -> new MergedEntry.Kept(path, k.kind(), k.side(), k.source());
            case MergedEntry.Written w -> new MergedEntry.Written(path, w.kind(), w.bytes());
        };
    }

    private Aside aside(String path, String owner, MergedEntry entry) {
        Aside aside = new Aside(path, owner, entry);
        asides.add(aside);
        return aside;
    }

    private void conflict(String path, ConflictKind kind, String message) {
        conflict(path, new Pending(kind, message, List.of()));
    }

    private void conflict(String path, Pending pending) {
        conflicts.computeIfAbsent(path, p -> new ArrayList<>()).add(pending);
    }

    private TreeMergeResult result() {
        List<TreeConflict> list = new ArrayList<>();
        for (Map.Entry<String, List<Pending>> e : conflicts.entrySet()) {
            List<Pending> pendings = new ArrayList<>(e.getValue());
            pendings.sort(Comparator.comparing(Pending::kind));
            for (Pending p : pendings) {
                StringBuilder message = new StringBuilder(p.message());
                List<String> savedAs = new ArrayList<>();
                for (Aside a : p.asides()) {
                    message.append("; ").append(a.owner.equals(MERGED) ? "merged" : a.owner + "'s")
                            .append(" version saved as ").append(a.savedAs);
                    savedAs.add(a.savedAs);
                }
                list.add(new TreeConflict(e.getKey(), p.kind(), message.toString(), savedAs));
            }
        }
        Map<Bucket, Integer> counts = new EnumMap<>(Bucket.class);
        for (Bucket bucket : buckets.values()) {
            counts.merge(bucket, 1, Integer::sum);
        }
        MergeStats stats = new MergeStats(
                counts.getOrDefault(Bucket.UNCHANGED, 0),
                counts.getOrDefault(Bucket.LOCAL, 0),
                counts.getOrDefault(Bucket.CANONICAL, 0),
                counts.getOrDefault(Bucket.IDENTICAL, 0),
                counts.getOrDefault(Bucket.MERGED, 0),
                counts.getOrDefault(Bucket.CONFLICT, 0),
                counts.getOrDefault(Bucket.DELETED, 0),
                bytesMerged);
        return new TreeMergeResult(new ArrayList<>(merged.values()), list, stats);
    }

    private static String target(TreeEntry symlink) throws IOException {
        return new String(symlink.read(), StandardCharsets.UTF_8);
    }

    private static String name(EntryKind kind) {
        return switch (kind) {
            case FILE -> "file";
            case EXECUTABLE -> "executable file";
            case SYMLINK -> "symlink";
            case GITLINK -> "submodule";
        };
    }
}
