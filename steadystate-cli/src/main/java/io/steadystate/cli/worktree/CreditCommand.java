package io.steadystate.cli.worktree;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.merge.tree.TreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code steadystate credit FILE}: who wrote each line of a file, as {@code git blame} over the session
 * branch, with the worktree's lines that are not synced yet marked as such.
 */
@Command(
        name = "credit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show who wrote each line of FILE: short commit, author, date (yyyy-mm-dd), line number and text.",
            "Blames the session branch as of your last sync, so lines that others changed since are not yours; "
                    + "lines you changed and have not synced are shown as 'not synced'.",
            "On a terminal the output is coloured and shown through $PAGER (default: less -FRX); "
                    + "NO_COLOR turns colour off."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the credit was printed",
            "129:wrong usage, or FILE outside the worktree",
            "255:not inside a session worktree; FILE missing, a folder, not tracked, not a regular file or binary"})
public final class CreditCommand implements Callable<Integer> {

    @Mixin
    WorktreeOptions where;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file, relative to the current folder.")
    String file;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (OpenWorktree wt = OpenWorktree.open(where.cwd())) {
            String path = wt.argument(spec.commandLine(), file);
            byte[] content = content(wt, path);
            List<Credit> lines = Credit.of(wt.repo(), wt.lastSynced(), path, content);
            boolean terminal = Terminal.stdoutIsTerminal();
            try (Pager pager = Pager.open(main.environment(), terminal, System.out)) {
                CreditText.write(lines, pager.stream(), Terminal.colour(main.environment(), terminal));
            }
            return 0;
        }
    }

    /** The worktree's content of {@code path}, once it is known to be a tracked text file. */
    private byte[] content(OpenWorktree wt, String path) throws IOException {
        if (path.isEmpty()) {
            throw error("'" + file + "' is the worktree's top folder; credit takes a file");
        }
        Path onDisk = wt.worktree().root().resolve(path);
        TreeEntry base = wt.base().get(path);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(onDisk, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw error(base != null
                    ? "'" + file + "' was deleted in this worktree since the last sync; there is nothing to credit"
                    : "no such file: '" + file + "'");
        }
        if (attrs.isDirectory()) {
            throw error("'" + file + "' is a folder; credit takes a file");
        }
        if (base == null) {
            throw error("'" + file + "' is not tracked: it is not on the session branch (new since your last sync,"
                    + " or ignored); run steadystate sync to share it");
        }
        if (!attrs.isRegularFile() || !base.kind().isRegularFile()) {
            throw error("'" + file + "' is not a regular file (a symbolic link or submodule); credit takes a text file");
        }
        byte[] content = Files.readAllBytes(onDisk);
        if (GitDiffWriter.binary(content)) {
            throw error("'" + file + "' is a binary file; credit takes a text file");
        }
        return content;
    }

    private static CliException error(String message) {
        return new CliException(Main.EXIT_ERROR, message);
    }
}
