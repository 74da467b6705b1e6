package io.steadystate.sync.internal;

/** Finds conflict markers that a sync (or git) wrote into a file and nobody has resolved yet. */
public final class Markers {

    private Markers() {
    }

    /** Whether {@code content} has a line starting {@code <<<<<<< } and a later one starting {@code >>>>>>> }. */
    public static boolean present(byte[] content) {
        int open = lineStarting(content, "<<<<<<< ", 0);
        return open >= 0 && lineStarting(content, ">>>>>>> ", open) >= 0;
    }

    private static int lineStarting(byte[] b, String marker, int from) {
        int n = marker.length();
        for (int i = from; i + n <= b.length; i++) {
            if ((i == 0 || b[i - 1] == '\n') && b[i] == marker.charAt(0)) {
                boolean match = true;
                for (int k = 1; k < n; k++) {
                    if (b[i + k] != marker.charAt(k)) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    return i + n;
                }
            }
        }
        return -1;
    }
}
