package io.steadystate.cli.worktree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * The hunks of a unified diff as git writes them: JGit finds and lays out the hunks; this adds what
 * git adds, the function line after each hunk header (git's default: the nearest earlier line of the
 * old side that starts with a letter, {@code _} or {@code $}) and git's colours.
 */
final class HunkFormatter extends DiffFormatter {

    /** The same line diff as the merge engine: histogram diff, anchored on lines unique to both sides. */
    static final DiffAlgorithm ALGORITHM = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    /** git keeps at most this many bytes of a function line. */
    private static final int FUNC_LINE_MAX = 80;

    private final boolean colour;
    private RawText old;
    /** The old side's line where the last search for a function line started (git's funclineprev). */
    private int searchedFrom;
    private byte[] funcLine;

    HunkFormatter(OutputStream out, boolean colour) {
        super(out);
        this.colour = colour;
        setContext(3);
    }

    /** Writes the hunks that turn {@code a} into {@code b}. */
    void hunks(RawText a, RawText b) throws IOException {
        old = a;
        searchedFrom = -1;
        funcLine = new byte[0];
        EditList edits = ALGORITHM.diff(RawTextComparator.DEFAULT, a, b);
        format(edits, a, b);
    }

    @Override
    protected void writeHunkHeader(int aStartLine, int aEndLine, int bStartLine, int bEndLine, String ignored)
            throws IOException {
        // git searches back from the line before the hunk to where the previous hunk's search began, and
        // keeps the previous hunk's function line when it finds none in between.
        int limit = searchedFrom;
        for (int line = aStartLine - 1; line > limit && line >= 0; line--) {
            byte[] f = functionLine(old, line);
            if (f != null) {
                funcLine = f;
                break;
            }
        }
        searchedFrom = aStartLine - 1;
        OutputStream out = getOutputStream();
        if (colour) {
            write(out, Ansi.CYAN);
        }
        write(out, "@@ -" + range(aStartLine, aEndLine) + " +" + range(bStartLine, bEndLine) + " @@");
        if (colour) {
            write(out, Ansi.RESET);
        }
        if (funcLine.length > 0) {
            write(out, colour ? " " + Ansi.RESET : " ");
            out.write(funcLine);
            if (colour) {
                write(out, Ansi.RESET);
            }
        }
        out.write('\n');
    }

    @Override
    protected void writeContextLine(RawText text, int line) throws IOException {
        OutputStream out = getOutputStream();
        out.write(' ');
        text.writeLine(out, line);
        if (colour) {
            write(out, Ansi.RESET);
        }
        out.write('\n');
    }

    @Override
    protected void writeRemovedLine(RawText text, int line) throws IOException {
        OutputStream out = getOutputStream();
        if (colour) {
            write(out, Ansi.RED);
        }
        out.write('-');
        text.writeLine(out, line);
        if (colour) {
            write(out, Ansi.RESET);
        }
        out.write('\n');
    }

    /** In colour, git marks whitespace at the end of an added line with a red background. */
    @Override
    protected void writeAddedLine(RawText text, int line) throws IOException {
        OutputStream out = getOutputStream();
        if (!colour) {
            out.write('+');
            text.writeLine(out, line);
            out.write('\n');
            return;
        }
        byte[] bytes = bytes(text, line);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t' || bytes[end - 1] == '\r')) {
            end--;
        }
        write(out, Ansi.GREEN + "+" + Ansi.RESET);
        if (end > 0) {
            write(out, Ansi.GREEN);
            out.write(bytes, 0, end);
            write(out, Ansi.RESET);
        }
        if (end < bytes.length) {
            write(out, Ansi.RED_BACKGROUND);
            out.write(bytes, end, bytes.length - end);
            write(out, Ansi.RESET);
        }
        out.write('\n');
    }

    /** git's default function line: starts with a letter, '_' or '$'; cut to 80 bytes, trailing space dropped. */
    private static byte[] functionLine(RawText text, int line) throws IOException {
        byte[] b = bytes(text, line);
        if (b.length == 0 || !(isAsciiLetter(b[0]) || b[0] == '_' || b[0] == '$')) {
            return null;
        }
        int len = Math.min(b.length, FUNC_LINE_MAX);
        while (len > 0 && isSpace(b[len - 1])) {
            len--;
        }
        return java.util.Arrays.copyOf(b, len);
    }

    private static boolean isAsciiLetter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static byte[] bytes(RawText text, int line) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        text.writeLine(buf, line);
        return buf.toByteArray();
    }

    /** A hunk's range as git writes it: "start,count", "start" for one line, "start-1,0" for none. */
    private static String range(int start, int end) {
        int count = end - start;
        return switch (count) {
            case 0 -> start + ",0";
            case 1 -> String.valueOf(start + 1);
            default -> (start + 1) + "," + count;
        };
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
