package io.steadystate.merge.tree.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The ignore rules in force in one directory, matched by JGit's {@link IgnoreNode} with git's
 * precedence: the deepest {@code .gitignore} with a matching rule decides, then {@code info/exclude}.
 * Built-in rules come before all of them and cannot be negated.
 */
final class IgnoreStack {

    private record Level(String dir, IgnoreNode node) {
    }

    private final IgnoreNode builtIn;
    private final IgnoreNode exclude;
    /** Innermost first. */
    private final List<Level> levels;

    private IgnoreStack(IgnoreNode builtIn, IgnoreNode exclude, List<Level> levels) {
        this.builtIn = builtIn;
        this.exclude = exclude;
        this.levels = levels;
    }

    static IgnoreStack root(List<String> builtInPatterns, Path excludeFile) throws IOException {
        List<FastIgnoreRule> rules = new ArrayList<>();
        for (String pattern : builtInPatterns) {
            rules.add(new FastIgnoreRule(pattern));
        }
        return new IgnoreStack(new IgnoreNode(rules), excludeFile == null ? null : parse(excludeFile), List.of());
    }

    /** The rules for directory {@code dir}, adding its {@code .gitignore} if it has one. */
    IgnoreStack enter(String dir, Path gitignore) throws IOException {
        // Like git, a .gitignore that is a symlink is not read: it could point outside the tree.
        if (!Files.isRegularFile(gitignore, LinkOption.NOFOLLOW_LINKS)) {
            return this;
        }
        List<Level> inner = new ArrayList<>(levels.size() + 1);
        inner.add(new Level(dir, parse(gitignore)));
        inner.addAll(levels);
        return new IgnoreStack(builtIn, exclude, List.copyOf(inner));
    }

    boolean isIgnored(String path, boolean isDirectory) {
        if (Boolean.TRUE.equals(builtIn.checkIgnored(path, isDirectory))) {
            return true;
        }
        for (Level level : levels) {
            Boolean result = level.node().checkIgnored(TreePaths.relativeTo(level.dir(), path), isDirectory);
            if (result != null) {
                return result;
            }
        }
        return exclude != null && Boolean.TRUE.equals(exclude.checkIgnored(path, isDirectory));
    }

    private static IgnoreNode parse(Path file) throws IOException {
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(file)) {
            node.parse(file.toString(), in);
        }
        return node;
    }
}
