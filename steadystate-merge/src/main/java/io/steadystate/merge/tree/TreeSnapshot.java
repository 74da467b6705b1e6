package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.TreePaths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable tree: its entries by path, in {@link String#compareTo} order of the paths. It holds
 * content sources, not contents.
 *
 * <p>As in git, no path is both an entry and a directory of other entries, and directories exist only
 * through the entries beneath them.
 */
public final class TreeSnapshot {

    private static final TreeSnapshot EMPTY = new TreeSnapshot(new TreeMap<>());

    private final NavigableMap<String, TreeEntry> entries;
    private final List<TreeEntry> list;

    private TreeSnapshot(TreeMap<String, TreeEntry> entries) {
        this.entries = Collections.unmodifiableNavigableMap(entries);
        this.list = List.copyOf(entries.values());
    }

    public static TreeSnapshot empty() {
        return EMPTY;
    }

    /**
     * A snapshot of the given entries, in any order.
     *
     * @throws IllegalArgumentException if two entries share a path, or an entry's path is a directory
     *                                  of another entry
     */
    public static TreeSnapshot of(Collection<TreeEntry> entries) {
        TreeMap<String, TreeEntry> map = new TreeMap<>();
        for (TreeEntry e : entries) {
            Objects.requireNonNull(e, "entry");
            if (map.putIfAbsent(e.path(), e) != null) {
                throw new IllegalArgumentException("duplicate path: " + e.path());
            }
        }
        TreePaths.checkNoFileIsADirectory(map.navigableKeySet());
        return map.isEmpty() ? EMPTY : new TreeSnapshot(map);
    }

    public static TreeSnapshot of(TreeEntry... entries) {
        return of(List.of(entries));
    }

    public Optional<TreeEntry> get(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    public boolean contains(String path) {
        return entries.containsKey(path);
    }

    /** Whether some entry lies beneath {@code path}. */
    public boolean isDirectory(String path) {
        return TreePaths.hasDescendant(entries.navigableKeySet(), path);
    }

    /** The entries by path, sorted; unmodifiable. */
    public NavigableMap<String, TreeEntry> asMap() {
        return entries;
    }

    /** The entries, sorted by path. */
    public List<TreeEntry> entries() {
        return list;
    }

    public List<String> paths() {
        return List.copyOf(entries.keySet());
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeSnapshot s && s.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "TreeSnapshot[" + entries.size() + " entries]";
    }
}
