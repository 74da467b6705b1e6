package io.steadystate.sync.internal;

import io.steadystate.sync.SyncException;
import io.steadystate.sync.SyncListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock of one canonical repository. It is an operating-system lock on
 * {@code canonical/steadystate-sync.lock}, so the kernel releases it when the holder dies, even by
 * {@code kill -9}: a crashed sync never leaves it held. The file itself is never deleted, because a
 * waiter may hold it open. Threads of one JVM queue on an in-process lock first, since the
 * operating system's lock belongs to the whole process.
 */
public final class SyncLock implements AutoCloseable {

    /** The lock file's name inside the canonical repository. */
    public static final String FILE_NAME = "steadystate-sync.lock";

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private SyncLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits at most {@code timeout} for the lock of {@code canonical}, telling {@code listener} who holds
     * it while waiting.
     */
    public static SyncLock acquire(Path canonical, String holder, Duration timeout, SyncListener listener)
            throws SyncException {
        Path file = canonical.resolve(FILE_NAME);
        Path key = canonical.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock(true));
        Instant deadline = Instant.now().plus(timeout);
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw timedOut(timeout, "another sync in this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted while waiting for the sync lock");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            boolean told = false;
            long sleep = 5;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    writeHolder(channel, holder);
                    return new SyncLock(local, channel, lock);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw timedOut(timeout, holderOf(channel));
                }
                if (!told) {
                    listener.progress("waiting for " + holderOf(channel) + " to finish");
                    told = true;
                }
                Thread.sleep(sleep);
                sleep = Math.min(sleep * 2, 100);
            }
        } catch (IOException e) {
            close(channel);
            local.unlock();
            throw new SyncException("could not lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close(channel);
            local.unlock();
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted while waiting for the sync lock");
        } catch (SyncException | RuntimeException e) {
            close(channel);
            local.unlock();
            throw e;
        }
    }

    private static SyncException timedOut(Duration timeout, String holder) {
        return new SyncException("another sync (" + holder + ") still holds the lock after " + timeout.toSeconds()
                + " s; try again in a moment");
    }

    /** Records who holds the lock, for people who wait on it; the lock itself is the kernel's. */
    private static void writeHolder(FileChannel channel, String holder) throws IOException {
        byte[] text = (holder + " (pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + ")\n")
                .getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
    }

    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            int n = channel.read(buf, 0);
            String s = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "another sync" : "the sync of " + s;
        } catch (IOException e) {
            return "another sync";
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        close(channel);
        local.unlock();
    }
}
