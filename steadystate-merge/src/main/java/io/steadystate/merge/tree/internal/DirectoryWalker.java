package io.steadystate.merge.tree.internal;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** One walk of a directory for {@link io.steadystate.merge.tree.DirectoryTrees}. */
public final class DirectoryWalker {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final List<TreeEntry> entries = new ArrayList<>();

    private DirectoryWalker() {
    }

    public static TreeSnapshot walk(Path root, List<String> builtInIgnores) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        IgnoreStack ignores = IgnoreStack.root(builtInIgnores, GitDirs.infoExclude(root));
        DirectoryWalker walker = new DirectoryWalker();
        walker.walkDirectory(root, "", ignores);
        return TreeSnapshot.of(walker.entries);
    }

    private void walkDirectory(Path dir, String relDir, IgnoreStack parentIgnores) throws IOException {
        IgnoreStack ignores = parentIgnores.enter(relDir, dir.resolve(".gitignore"));
        for (var child : children(dir).entrySet()) {
            Path file = child.getValue();
            String rel = TreePaths.child(relDir, child.getKey());
            BasicFileAttributes attrs;
            try {
                attrs = attributes(file);
            } catch (NoSuchFileException e) {
                // Deleted since the directory was listed, as editors' temporary files often are.
                continue;
            }
            if (ignores.isIgnored(rel, attrs.isDirectory())) {
                continue;
            }
            if (attrs.isDirectory()) {
                if (!Files.exists(file.resolve(".git"), NOFOLLOW)) {
                    walkDirectory(file, rel, ignores);
                }
            } else if (attrs.isSymbolicLink()) {
                byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                entries.add(new TreeEntry(rel, EntryKind.SYMLINK, new BytesSource(target)));
            } else if (attrs.isRegularFile()) {
                entries.add(new TreeEntry(rel, isExecutable(attrs) ? EntryKind.EXECUTABLE : EntryKind.FILE,
                        new FileSource(file)));
            }
        }
    }

    /** The directory's children by name, sorted so that the walk never depends on the file system's order. */
    private static TreeMap<String, Path> children(Path dir) throws IOException {
        TreeMap<String, Path> children = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                children.put(p.getFileName().toString(), p);
            }
        }
        return children;
    }

    /** Type and, where the file system has them, permissions, in one call: a walk makes one per entry. */
    private static BasicFileAttributes attributes(Path file) throws IOException {
        if (POSIX) {
            return Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW);
        }
        return Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
    }

    private static boolean isExecutable(BasicFileAttributes attrs) {
        // Without POSIX permissions git too records plain files (core.fileMode false).
        return attrs instanceof PosixFileAttributes p && p.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    }
}
