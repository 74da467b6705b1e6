package io.steadystate.sync.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What the file system says about a file without reading it: size, modification and change times and
 * inode. Any write changes the change time, so an equal stamp means unchanged content, as git's index
 * assumes.
 */
public record FileStamp(long size, long modifiedNanos, long inode, long changedNanos) {

    private static final boolean UNIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    /** The stamp of {@code file}, not following a final symbolic link. */
    public static FileStamp of(Path file) throws IOException {
        if (UNIX) {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ino,ctime", LinkOption.NOFOLLOW_LINKS);
            return new FileStamp((Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")), (Long) a.get("ino"),
                    nanos((FileTime) a.get("ctime")));
        }
        var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new FileStamp(a.size(), nanos(a.lastModifiedTime()), 0, 0);
    }

    private static long nanos(FileTime t) {
        var i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /**
     * Whether a change in the same clock tick could go unseen: on a file system that keeps whole
     * seconds only, a file changed within two seconds of {@code nowNanos} is not trusted.
     */
    public boolean isRacy(long nowNanos) {
        boolean coarse = modifiedNanos % 1_000_000_000L == 0 && changedNanos % 1_000_000_000L == 0;
        return coarse && nowNanos - Math.max(modifiedNanos, changedNanos) < 2_000_000_000L;
    }
}
