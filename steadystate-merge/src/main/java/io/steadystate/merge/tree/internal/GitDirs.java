package io.steadystate.merge.tree.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Finds a work tree's repository files without opening the repository. */
final class GitDirs {

    private GitDirs() {
    }

    /**
     * The {@code info/exclude} file that applies to work tree {@code root}, or null if {@code root} is
     * not the top of a work tree or the file does not exist. Linked worktrees have a {@code .git} file
     * pointing at their private git dir, whose {@code commondir} leads to the shared one that holds
     * {@code info/exclude}.
     */
    static Path infoExclude(Path root) throws IOException {
        Path dotGit = root.resolve(".git");
        Path gitDir;
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            gitDir = dotGit;
        } else if (Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("gitdir:")) {
                return null;
            }
            gitDir = root.resolve(text.substring("gitdir:".length()).strip());
            Path commonDir = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonDir)) {
                gitDir = gitDir.resolve(Files.readString(commonDir, StandardCharsets.UTF_8).strip());
            }
        } else {
            return null;
        }
        Path exclude = gitDir.resolve("info").resolve("exclude");
        return Files.isRegularFile(exclude) ? exclude : null;
    }
}
