package io.steadystate.cli.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The sync service's wire format on a Unix socket in the session folder, plain lines so that the
 * short-lived {@code sync} command needs no JSON library to use it. The client sends
 * {@code SYNC <tab> token <tab> json|text <tab> directory}; the service answers with any number of
 * {@code P <tab> progress} lines, then either {@code X <tab> exit code <tab> message} (the sync did not
 * run) or {@code R <tab> exit code} followed by the command's output, to the end of the stream.
 */
final class SyncServiceProtocol {

    /** Longest line accepted. */
    static final int MAX_LINE = 64 * 1024;

    private SyncServiceProtocol() {
    }

    /** Reads one line of at most {@link #MAX_LINE} bytes; null at end of input. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** A field may hold neither a tab nor a line break. */
    static String field(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
