package io.steadystate.cli.worktree;

import java.nio.charset.StandardCharsets;

/** Whether a file still holds the conflict markers a sync wrote into it. */
final class ConflictMarkers {

    private static final byte[] OURS = "<<<<<<< ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] THEIRS = ">>>>>>> ".getBytes(StandardCharsets.US_ASCII);

    private ConflictMarkers() {
    }

    /** Whether some line starts with {@code "<<<<<<< "} or {@code ">>>>>>> "}. */
    static boolean present(byte[] content) {
        for (int start = 0; start < content.length; ) {
            if (startsWith(content, start, OURS) || startsWith(content, start, THEIRS)) {
                return true;
            }
            int nl = indexOf(content, (byte) '\n', start);
            start = nl < 0 ? content.length : nl + 1;
        }
        return false;
    }

    private static boolean startsWith(byte[] content, int at, byte[] prefix) {
        if (content.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] content, byte b, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
