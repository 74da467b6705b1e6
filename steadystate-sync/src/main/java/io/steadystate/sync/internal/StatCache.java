package io.steadystate.sync.internal;

import io.steadystate.merge.tree.BlobId;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Blob ids of worktree files as of the last sync, keyed by path and {@link FileStamp}: a file whose
 * stamp has not changed is not read again. A damaged or missing cache only costs time: every file is
 * then hashed.
 */
public final class StatCache {

    private static final String HEADER = "steadystate-stat-cache 1";

    private record Entry(FileStamp stamp, BlobId id) {
    }

    private final Map<String, Entry> entries;

    private StatCache(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static StatCache empty() {
        return new StatCache(new HashMap<>());
    }

    /** Reads the cache at {@code file}; an unreadable one counts as empty. */
    public static StatCache read(Path file) {
        Map<String, Entry> map = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!HEADER.equals(r.readLine())) {
                return empty();
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", 6);
                if (f.length != 6) {
                    return empty();
                }
                map.put(f[5], new Entry(new FileStamp(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])), BlobId.of(f[4])));
            }
            return new StatCache(map);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException | RuntimeException e) {
            return empty();
        }
    }

    /** The blob id recorded for {@code path} when its stamp is still {@code stamp}. */
    public BlobId lookup(String path, FileStamp stamp) {
        Entry e = entries.get(path);
        return e != null && e.stamp.equals(stamp) ? e.id : null;
    }

    /** The stamp recorded for {@code path}, or null. */
    public FileStamp stamp(String path) {
        Entry e = entries.get(path);
        return e == null ? null : e.stamp;
    }

    /** A builder that starts with this cache's entries. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entries.putAll(entries);
        return b;
    }

    /** One entry in the cache file's line format. */
    public static String line(String path, FileStamp s, BlobId id) {
        return s.size() + "\t" + s.modifiedNanos() + "\t" + s.inode() + "\t" + s.changedNanos() + "\t" + id.hex() + "\t" + path;
    }

    /** A cache builder for the next sync. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the entries of the next cache. */
    public static final class Builder {
        private final TreeMap<String, Entry> entries = new TreeMap<>();
        private final long now = System.currentTimeMillis() * 1_000_000L;

        public void put(String path, FileStamp stamp, BlobId id) {
            if (path.indexOf('\t') < 0 && path.indexOf('\n') < 0 && path.indexOf('\r') < 0 && !stamp.isRacy(now)) {
                entries.put(path, new Entry(stamp, id));
            }
        }

        /** Adds an entry given as {@link #line}; a malformed one is ignored (it only costs a re-read). */
        public void putLine(String line) {
            String[] f = line.split("\t", 6);
            if (f.length != 6) {
                return;
            }
            try {
                put(f[5], new FileStamp(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])), BlobId.of(f[4]));
            } catch (RuntimeException e) {
                // not a line of ours
            }
        }

        public void remove(String path) {
            entries.remove(path);
        }

        public StatCache write(Path file) throws IOException {
            StringBuilder sb = new StringBuilder(64 + entries.size() * 96).append(HEADER).append('\n');
            for (var e : entries.entrySet()) {
                FileStamp s = e.getValue().stamp;
                sb.append(s.size()).append('\t').append(s.modifiedNanos()).append('\t').append(s.inode()).append('\t')
                        .append(s.changedNanos()).append('\t').append(e.getValue().id.hex()).append('\t')
                        .append(e.getKey()).append('\n');
            }
            AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), "rw-------");
            return new StatCache(new HashMap<>(entries));
        }
    }
}
