package io.steadystate.cli.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The sync service's wire format, on a Unix socket in the session folder: the client sends one JSON line
 * {@code {"token", "directory", "verbose"}}; the service answers with any number of
 * {@code {"progress": text}} lines and then one {@code {"result": report}} or
 * {@code {"error": text, "exit": code}} line.
 */
final class SyncServiceProtocol {

    /** The service's socket, next to the control socket in the session folder. */
    static final String SOCKET_FILE = "sync.sock";
    /** Longest request line accepted. */
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
}
