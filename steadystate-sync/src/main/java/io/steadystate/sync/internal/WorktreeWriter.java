package io.steadystate.sync.internal;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Changes single paths of a worktree. Before each change it checks that the path is still what the
 * sync read; a path that changed since (someone saved a file while the sync ran) is left alone.
 */
public final class WorktreeWriter {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;

    public WorktreeWriter(Path root) {
        this.root = root;
    }

    /** Whether {@code path} on disk is still {@code expected} (null: absent). */
    public boolean unchanged(String path, TreeEntry expected) throws IOException {
        switch (LocalSnapshot.parents(root, path)) {
            case MISSING -> {
                // A folder on the way does not exist (yet): the path is absent, as for a file in a new folder.
                return expected == null;
            }
            case UNSAFE -> {
                return false;
            }
            case FOLDERS -> {
                // look at the path itself
            }
        }
        Path file = root.resolve(path);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return expected == null;
        }
        if (expected == null) {
            return false;
        }
        return switch (expected.kind()) {
            case GITLINK -> a.isDirectory();
            // By id: the expected entry may be the user's own link, which canonical does not hold.
            case SYMLINK -> a.isSymbolicLink() && io.steadystate.merge.tree.BlobId.forContent(
                    Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8)).equals(expected.blobId());
            case FILE, EXECUTABLE -> a.isRegularFile() && executable(file) == (expected.kind() == EntryKind.EXECUTABLE)
                    && sameContent(file, expected);
        };
    }

    private static boolean sameContent(Path file, TreeEntry expected) throws IOException {
        if (expected.content() instanceof StampedSource s && s.file().equals(file) && s.stamp().equals(FileStamp.of(file))) {
            return true;
        }
        return StampedSource.hash(file).equals(expected.blobId());
    }

    /** Makes {@code path} hold {@code target} (null: removes it, and folders that became empty). */
    public void apply(String path, TreeEntry target) throws IOException {
        Path file = root.resolve(path);
        if (target == null) {
            if (Files.isDirectory(file, NOFOLLOW)) {
                deleteIfEmpty(file);
            } else {
                Files.deleteIfExists(file);
            }
            removeEmptyParents(file.getParent());
            return;
        }
        Files.createDirectories(file.getParent());
        switch (target.kind()) {
            case GITLINK -> Files.createDirectories(file);
            case SYMLINK -> AtomicFiles.symlink(file, new String(target.read(), StandardCharsets.UTF_8));
            case FILE -> AtomicFiles.write(file, target.read(), "rw-r--r--");
            case EXECUTABLE -> AtomicFiles.write(file, target.read(), "rwxr-xr-x");
        }
    }

    private void removeEmptyParents(Path dir) throws IOException {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            if (!deleteIfEmpty(d)) {
                return;
            }
        }
    }

    private static boolean deleteIfEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return true;
        }
        try {
            Files.delete(dir);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            return false;
        }
    }

    private static boolean executable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, NOFOLLOW).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
