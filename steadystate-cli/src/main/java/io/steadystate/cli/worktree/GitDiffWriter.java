package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.TreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Changes written as {@code git diff} writes them: {@code diff --git} header, mode lines, index line,
 * {@code ---}/{@code +++}, hunks, "Binary files ... differ"; a change between file, symlink and
 * submodule is a deletion followed by a creation, as in git. No rename detection, textconv or
 * end-of-line conversion.
 */
final class GitDiffWriter implements AutoCloseable {

    /** git looks for a NUL byte this far into a file to call it binary. */
    private static final int BINARY_PROBE = 8000;
    private static final byte[] NOTHING = new byte[0];

    private final OutputStream out;
    private final boolean colour;
    private final ObjectReader reader;
    private final int abbrev;
    private final HunkFormatter hunks;

    GitDiffWriter(OutputStream out, Repository repo, boolean colour) {
        this.out = out;
        this.colour = colour;
        this.reader = repo.newObjectReader();
        this.abbrev = abbreviationLength(repo);
        this.hunks = new HunkFormatter(out, colour);
    }

    /** Writes one change. */
    void write(Change c) throws IOException {
        TreeEntry a = c.before();
        TreeEntry b = c.after();
        if (a != null && b != null && type(a.kind()) != type(b.kind())) {
            section(c.path(), a, null);
            section(c.path(), null, b);
        } else {
            section(c.path(), a, b);
        }
    }

    private void section(String path, TreeEntry a, TreeEntry b) throws IOException {
        String aName = GitQuote.quote("a/", path, true);
        String bName = GitQuote.quote("b/", path, true);
        meta("diff --git " + aName + " " + bName);
        if (a == null) {
            meta("new file mode " + mode(b.kind()));
        } else if (b == null) {
            meta("deleted file mode " + mode(a.kind()));
        } else if (a.kind() != b.kind()) {
            meta("old mode " + mode(a.kind()));
            meta("new mode " + mode(b.kind()));
        }
        ObjectId aId = id(a);
        ObjectId bId = id(b);
        if (aId.equals(bId)) {
            return;
        }
        meta("index " + abbreviate(aId) + ".." + abbreviate(bId)
                + (a != null && b != null && a.kind() == b.kind() ? " " + mode(a.kind()) : ""));
        byte[] aBytes = content(a);
        byte[] bBytes = content(b);
        if (aBytes.length == 0 && bBytes.length == 0) {
            return;
        }
        String aLabel = a == null ? "/dev/null" : aName;
        String bLabel = b == null ? "/dev/null" : bName;
        if (binary(aBytes) || binary(bBytes)) {
            plain("Binary files " + aLabel + " and " + bLabel + " differ");
            return;
        }
        // git ends a ---/+++ line with a tab when the name holds a space, so that patch finds where it ends.
        meta("--- " + aLabel, aLabel.indexOf(' ') >= 0 ? "\t" : "");
        meta("+++ " + bLabel, bLabel.indexOf(' ') >= 0 ? "\t" : "");
        hunks.hunks(new RawText(aBytes), new RawText(bBytes));
    }

    /** Files of either mode are one type; a change between types is shown as a deletion and a creation. */
    private static int type(EntryKind k) {
        return switch (k) {
            case FILE, EXECUTABLE -> 0;
            case SYMLINK -> 1;
            case GITLINK -> 2;
        };
    }

    static String mode(EntryKind k) {
        return switch (k) {
            case FILE -> "100644";
            case EXECUTABLE -> "100755";
            case SYMLINK -> "120000";
            case GITLINK -> "160000";
        };
    }

    private static ObjectId id(TreeEntry e) throws IOException {
        return e == null ? ObjectId.zeroId() : ObjectId.fromString(e.blobId().hex());
    }

    /** What git diffs for an entry; a submodule is the line "Subproject commit <id>". */
    private static byte[] content(TreeEntry e) throws IOException {
        if (e == null) {
            return NOTHING;
        }
        if (e.kind() == EntryKind.GITLINK) {
            return ("Subproject commit " + e.blobId().hex() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        try (InputStream in = e.open()) {
            return in.readAllBytes();
        }
    }

    static boolean binary(byte[] content) {
        int n = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private String abbreviate(ObjectId id) throws IOException {
        return id.equals(ObjectId.zeroId()) ? "0".repeat(abbrev) : reader.abbreviate(id, abbrev).name();
    }

    /**
     * git's default abbreviation: 7 digits, more in repositories with many packed objects (half the bits
     * of their count, rounded up, in hex digits); ids are then lengthened until unique.
     */
    static int abbreviationLength(Repository repo) {
        long count = 0;
        if (repo.getObjectDatabase() instanceof ObjectDirectory od) {
            count = od.getApproximateObjectCount();
        }
        return abbreviationLength(count);
    }

    static int abbreviationLength(long objects) {
        if (objects <= 0) {
            return 7;
        }
        int bits = 64 - Long.numberOfLeadingZeros(objects);
        return Math.max(7, (bits + 1) / 2);
    }

    private void meta(String line) throws IOException {
        meta(line, "");
    }

    private void meta(String line, String after) throws IOException {
        write(colour ? Ansi.BOLD + line + Ansi.RESET + after + "\n" : line + after + "\n");
    }

    private void plain(String line) throws IOException {
        write(line + "\n");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        reader.close();
        hunks.close();
    }
}
