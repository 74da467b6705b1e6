package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.ContentSource;
import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** The worktree against the base of its next sync, path by path. */
final class Comparison {

    /** Git's order of paths: by their UTF-8 bytes, unsigned. */
    static final Comparator<String> GIT_ORDER = Comparator.comparing(
            (String s) -> s.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned);

    private Comparison() {
    }

    /**
     * What is on disk, by path: the directory snapshot plus, as git has it, the paths the base tracks
     * that the snapshot leaves out. A tracked path that {@code .gitignore} (or a nested repository)
     * hides is still tracked, so it is read from disk; a submodule of the base counts as unchanged
     * while a folder exists at its path (its checkout is not compared).
     */
    static NavigableMap<String, TreeEntry> local(TreeSnapshot snapshot, Map<String, TreeEntry> base, Path root)
            throws IOException {
        TreeMap<String, TreeEntry> local = new TreeMap<>(snapshot.asMap());
        for (TreeEntry b : base.values()) {
            if (local.containsKey(b.path()) || !parentsAreFolders(root, b.path())) {
                continue;
            }
            Path file = root.resolve(b.path());
            if (b.kind() == EntryKind.GITLINK) {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    local.put(b.path(), b);
                }
                continue;
            }
            TreeEntry onDisk = read(b.path(), file);
            if (onDisk != null) {
                local.put(b.path(), onDisk);
            }
        }
        return local;
    }

    /** The changes from {@code base} to {@code local}, sorted in git's order. */
    static List<Change> changes(Map<String, TreeEntry> base, Map<String, TreeEntry> local) throws IOException {
        TreeSet<String> paths = new TreeSet<>(GIT_ORDER);
        paths.addAll(base.keySet());
        paths.addAll(local.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            TreeEntry b = base.get(path);
            TreeEntry l = local.get(path);
            ChangeKind kind = kind(b, l);
            if (kind != null) {
                changes.add(new Change(path, kind, b, l));
            }
        }
        return changes;
    }

    /** How {@code after} differs from {@code before} (either may be null), or null when it does not. */
    static ChangeKind kind(TreeEntry before, TreeEntry after) throws IOException {
        if (before == null) {
            return after == null ? null : ChangeKind.ADDED;
        }
        if (after == null) {
            return ChangeKind.DELETED;
        }
        boolean sameContent = before.blobId().equals(after.blobId());
        if (before.kind() == after.kind()) {
            return sameContent ? null : ChangeKind.MODIFIED;
        }
        if (before.kind().isRegularFile() && after.kind().isRegularFile()) {
            return sameContent ? ChangeKind.MODE_CHANGED : ChangeKind.MODIFIED;
        }
        return ChangeKind.TYPE_CHANGED;
    }

    /** Whether two entries (either may be null) are the same: both absent, or same kind and content. */
    static boolean same(TreeEntry a, TreeEntry b) throws IOException {
        return a == null || b == null ? a == b : kind(a, b) == null;
    }

    /** Git does not look beyond a symlink: a tracked path under one is not on disk. */
    private static boolean parentsAreFolders(Path root, String path) {
        Path dir = root;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            dir = dir.resolve(parts[i]);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /** The file or symlink at {@code file}, or null when there is none. */
    static TreeEntry read(String path, Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        if (attrs.isSymbolicLink()) {
            byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
            return new TreeEntry(path, EntryKind.SYMLINK, ContentSource.of(target));
        }
        if (attrs.isRegularFile()) {
            return new TreeEntry(path, executable(file) ? EntryKind.EXECUTABLE : EntryKind.FILE, new DiskFile(file));
        }
        return null;
    }

    private static boolean executable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
