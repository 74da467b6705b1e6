package io.steadystate.sync.internal;

import io.steadystate.merge.tree.DirectoryTrees;
import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * The worktree as sync sees it: {@link DirectoryTrees} (so {@code .gitignore} and the built-in ignores
 * apply), with stamps and cached ids for regular files, plus what git would still track although an
 * ignore rule matches it: files of the base that exist on disk, and submodule entries whose folder
 * exists (a worktree holds an empty folder, or a nested checkout, where a gitlink is).
 */
public final class LocalSnapshot {

    private LocalSnapshot() {
    }

    public static TreeSnapshot read(Path root, TreeSnapshot base, StatCache cache) throws IOException {
        TreeSnapshot walked = DirectoryTrees.read(root);
        List<TreeEntry> entries = new ArrayList<>(walked.size() + 8);
        for (TreeEntry e : walked.entries()) {
            if (!e.kind().isRegularFile()) {
                entries.add(e);
                continue;
            }
            Path file = root.resolve(e.path());
            try {
                FileStamp stamp = FileStamp.of(file);
                entries.add(new TreeEntry(e.path(), e.kind(), new StampedSource(file, stamp, cache.lookup(e.path(), stamp))));
            } catch (NoSuchFileException gone) {
                // deleted since the walk listed it
            }
        }
        for (TreeEntry b : base.entries()) {
            if (walked.contains(b.path()) || b.path().startsWith(".steadystate/") || isGitMetadata(b.path())) {
                continue;
            }
            Path file = root.resolve(b.path());
            BasicFileAttributes attrs;
            try {
                if (!insideWorktree(root, b.path())) {
                    continue;
                }
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
                continue;
            }
            if (b.kind() == EntryKind.GITLINK) {
                if (attrs.isDirectory()) {
                    entries.add(b);
                }
            } else if (attrs.isSymbolicLink()) {
                byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                entries.add(TreeEntry.of(b.path(), EntryKind.SYMLINK, target));
            } else if (attrs.isRegularFile()) {
                boolean x = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                        .contains(PosixFilePermission.OWNER_EXECUTE);
                FileStamp stamp = FileStamp.of(file);
                entries.add(new TreeEntry(b.path(), x ? EntryKind.EXECUTABLE : EntryKind.FILE,
                        new StampedSource(file, stamp, cache.lookup(b.path(), stamp))));
            }
        }
        return TreeSnapshot.of(entries);
    }

    private static boolean isGitMetadata(String path) {
        return path.equals(".git") || path.startsWith(".git/") || path.contains("/.git/") || path.endsWith("/.git");
    }

    /** Whether every folder on the way to {@code path} is a real folder, not a symbolic link. */
    public static boolean insideWorktree(Path root, String path) {
        return parents(root, path) == Parents.FOLDERS;
    }

    /** What lies on the way to a path of the worktree. */
    enum Parents {
        /** Every folder on the way exists and is a real folder. */
        FOLDERS,
        /** A folder on the way does not exist; nothing after it is a link or a file. */
        MISSING,
        /** A symbolic link or a file stands where a folder should be. */
        UNSAFE
    }

    static Parents parents(Path root, String path) {
        Path dir = root;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            dir = dir.resolve(parts[i]);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Parents.MISSING;
            } catch (IOException e) {
                return Parents.UNSAFE;
            }
            if (!a.isDirectory()) {
                return Parents.UNSAFE;
            }
        }
        return Parents.FOLDERS;
    }
}
