package io.steadystate.sync.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes that a crashed process cannot leave half done: a temporary file next to the target, then a
 * rename. (No fsync: what a killed process wrote is in the page cache and survives it; surviving a
 * power cut is left to the file system, as git does by default.)
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code bytes}, with the given POSIX permissions ({@code rwxr-xr-x} form). */
    public static void write(Path file, byte[] bytes, String permissions) throws IOException {
        Path tmp = temporarySibling(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code file} with a symbolic link to {@code target}. */
    public static void symlink(Path file, String target) throws IOException {
        Path tmp = temporarySibling(file);
        try {
            Files.createSymbolicLink(tmp, Path.of(target));
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A name in {@code file}'s folder that sync's own snapshots never pick up (built-in ignore {@code .#*}). */
    public static Path temporarySibling(Path file) {
        return file.resolveSibling(".#" + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".steadystate-tmp");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
