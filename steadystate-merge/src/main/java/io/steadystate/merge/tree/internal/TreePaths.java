package io.steadystate.merge.tree.internal;

import java.util.NavigableSet;
import java.util.Objects;

/** Rules for tree paths, shared by snapshots and merge results. */
public final class TreePaths {

    private TreePaths() {
    }

    /** Rejects paths git could not store or that would escape the tree's root. */
    public static String check(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must not be empty");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path must not contain NUL: " + path);
        }
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            String segment = slash < 0 ? path.substring(start) : path.substring(start, slash);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a normalized relative path: " + path);
            }
            if (slash < 0) {
                return path;
            }
            start = slash + 1;
        }
    }

    /** Whether some path in {@code sorted} lies beneath {@code dir}. */
    public static boolean hasDescendant(NavigableSet<String> sorted, String dir) {
        // '/' sorts after characters such as '-' and '.', so descendants need not follow dir directly.
        String prefix = dir + "/";
        String next = sorted.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    /** Rejects a set in which one path is also the directory of another. */
    public static void checkNoFileIsADirectory(NavigableSet<String> sorted) {
        for (String path : sorted) {
            if (hasDescendant(sorted, path)) {
                throw new IllegalArgumentException("path is both an entry and a directory: " + path);
            }
        }
    }

    /** The path of {@code path} relative to directory {@code dir} ("" for the root). */
    public static String relativeTo(String dir, String path) {
        return dir.isEmpty() ? path : path.substring(dir.length() + 1);
    }

    public static String child(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
