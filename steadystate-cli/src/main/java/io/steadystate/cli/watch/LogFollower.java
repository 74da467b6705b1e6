package io.steadystate.cli.watch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a JSON-lines file that others append to: each {@link #poll} reads only the bytes added since the last
 * one and returns the lines they completed. A last line without its new line yet is held back until it is
 * complete, since its writer may be half-way through it. A file that shrank or was replaced is read again from
 * the start, and the caller is told so through {@link Batch#restarted}.
 */
final class LogFollower {

    /** A line longer than this without a new line is not a log entry; it is dropped rather than held. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;
    private Object fileKey;
    private boolean skippingLongLine;

    /**
     * What one poll found.
     *
     * @param lines     the lines completed since the last poll, without their line ends; blank lines left out
     * @param restarted the file was truncated or replaced: {@code lines} are read from its start again
     * @param missing   there is no such file (now)
     * @param dropped   lines too long to be log entries, skipped
     */
    record Batch(List<String> lines, boolean restarted, boolean missing, int dropped) {
        Batch {
            lines = List.copyOf(lines);
        }
    }

    LogFollower(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    Path file() {
        return file;
    }

    /** Bytes read so far (the position the next poll starts from), counting a held-back partial line. */
    long offset() {
        return offset;
    }

    /** Reads what was appended since the last poll. */
    Batch poll() throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            boolean had = offset > 0;
            restart(null);
            return new Batch(List.of(), had, true, 0);
        }
        boolean restarted = false;
        Object key = attrs.fileKey();
        if (attrs.size() < offset || (fileKey != null && key != null && !key.equals(fileKey))) {
            restart(key);
            restarted = true;
        }
        fileKey = key;
        List<String> lines = new ArrayList<>();
        int dropped = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, end - offset)));
            while (offset < end) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), end - offset));
                int n = ch.read(buf, offset);
                if (n <= 0) {
                    break;
                }
                offset += n;
                byte[] a = buf.array();
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i] == '\n') {
                        dropped += take(a, start, i, lines);
                        start = i + 1;
                    }
                }
                if (start < n) {
                    if (!skippingLongLine) {
                        partial.write(a, start, n - start);
                    }
                    if (partial.size() > MAX_LINE_BYTES) {
                        partial.reset();
                        skippingLongLine = true;
                    }
                }
            }
        }
        return new Batch(lines, restarted, false, dropped);
    }

    /** The last line when it has no new line yet (possibly still being written), or empty. */
    String pendingLine() {
        return skippingLongLine ? "" : partial.toString(StandardCharsets.UTF_8);
    }

    /** Ends the line held so far at {@code a[start..end)}; returns 1 when it was too long to keep. */
    private int take(byte[] a, int start, int end, List<String> lines) {
        if (skippingLongLine) {
            skippingLongLine = false;
            partial.reset();
            return 1;
        }
        String line;
        if (partial.size() > 0) {
            partial.write(a, start, end - start);
            if (partial.size() > MAX_LINE_BYTES) {
                partial.reset();
                return 1;
            }
            line = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
        } else {
            line = new String(a, start, end - start, StandardCharsets.UTF_8);
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (!line.isBlank()) {
            lines.add(line);
        }
        return 0;
    }

    private void restart(Object key) {
        offset = 0;
        partial.reset();
        skippingLongLine = false;
        fileKey = key;
    }
}
