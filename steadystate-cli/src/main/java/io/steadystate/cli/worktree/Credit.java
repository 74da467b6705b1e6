package io.steadystate.cli.worktree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Who wrote each line of a file: blame over the session branch, with the worktree's own content on top
 * so that lines not synced yet are told apart.
 *
 * @param number line number, from 1
 * @param commit the abbreviated commit that last changed the line, or null when it is not synced yet
 * @param author the author's login (the local part of a GitHub no-reply address, as session commits
 *               have it) or else name; null when not synced
 * @param date   the author date in the author's time zone; null when not synced
 * @param text   the line's bytes, without its line feed
 */
record Credit(int number, String commit, String author, LocalDate date, byte[] text) {

    private static final Pattern NO_REPLY = Pattern.compile("(?:\\d+\\+)?([^@]+)@users\\.noreply\\.github\\.com",
            Pattern.CASE_INSENSITIVE);

    /** Whether the line is in the worktree only. */
    boolean synced() {
        return commit != null;
    }

    /**
     * The credit of each line of {@code content}, the worktree's version of {@code path}, blamed from
     * {@code start}: the commit the worktree was last synced to, so that lines others changed on the
     * branch since are not shown as this worktree's own.
     */
    static List<Credit> of(Repository repo, ObjectId start, String path, byte[] content) throws IOException {
        BlameResult result;
        try (BlameGenerator gen = new BlameGenerator(repo, path)) {
            gen.setDiffAlgorithm(HunkFormatter.ALGORITHM);
            gen.setTextComparator(RawTextComparator.DEFAULT);
            gen.setFollowFileRenames(true);
            gen.push(null, start);
            // Pushed last, the worktree's content is the newest candidate: its lines that no commit has
            // are left without a source commit.
            gen.push("not synced", new RawText(content));
            result = BlameResult.create(gen);
            if (result == null) {
                return List.of();
            }
            result.computeAll();
        }
        RawText text = result.getResultContents();
        int abbrev = GitDiffWriter.abbreviationLength(repo);
        List<Credit> lines = new ArrayList<>(text.size());
        try (ObjectReader reader = repo.newObjectReader()) {
            for (int i = 0; i < text.size(); i++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                text.writeLine(line, i);
                RevCommit c = result.getSourceCommit(i);
                if (c == null) {
                    lines.add(new Credit(i + 1, null, null, null, line.toByteArray()));
                } else {
                    PersonIdent a = result.getSourceAuthor(i);
                    LocalDate date = LocalDate.ofInstant(a.getWhenAsInstant(), a.getZoneId());
                    lines.add(new Credit(i + 1, reader.abbreviate(c, abbrev).name(), login(a), date, line.toByteArray()));
                }
            }
        }
        return lines;
    }

    /** The login in a GitHub no-reply address, else the author's name. */
    static String login(PersonIdent a) {
        Matcher m = NO_REPLY.matcher(a.getEmailAddress() == null ? "" : a.getEmailAddress());
        return m.matches() ? m.group(1) : a.getName();
    }
}
