package io.steadystate.cli.worktree;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where long output goes: through {@code $PAGER} (default {@code less -FRX}) when standard output is a
 * terminal, else straight to standard output. {@code PAGER} is split on whitespace into a program and
 * its arguments (no shell, so no quoting); an empty {@code PAGER} or {@code cat} means no pager. A pager
 * that cannot start falls back to plain output; one that is quit early simply stops receiving output.
 */
final class Pager implements AutoCloseable {

    static final List<String> DEFAULT = List.of("less", "-FRX");

    private final Process process;
    private final OutputStream stream;

    private Pager(Process process, OutputStream stream) {
        this.process = process;
        this.stream = stream;
    }

    /** Starts the pager when {@code terminal}; otherwise (or when it cannot start) writes to {@code stdout}. */
    static Pager open(Map<String, String> env, boolean terminal, PrintStream stdout) {
        List<String> argv = command(env);
        if (terminal && !argv.isEmpty()) {
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            // As git does: less and lv show colours and quit on one screen unless told otherwise.
            pb.environment().putIfAbsent("LESS", "FRX");
            pb.environment().putIfAbsent("LV", "-c");
            try {
                Process p = pb.start();
                return new Pager(p, new BufferedOutputStream(new QuietPipe(p.getOutputStream()), 1 << 16));
            } catch (IOException e) {
                // No pager after all: plain output.
            }
        }
        return new Pager(null, new BufferedOutputStream(new Unclosed(stdout), 1 << 16));
    }

    /** The pager's command line from {@code PAGER}; empty for none. */
    static List<String> command(Map<String, String> env) {
        String pager = env.get("PAGER");
        if (pager == null) {
            return DEFAULT;
        }
        List<String> argv = Arrays.stream(pager.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return argv.equals(List.of("cat")) ? List.of() : argv;
    }

    /** Whether output goes to a pager. */
    boolean paging() {
        return process != null;
    }

    OutputStream stream() {
        return stream;
    }

    /** Flushes the output and, with a pager, waits until the user leaves it. */
    @Override
    public void close() throws IOException {
        stream.flush();
        if (process != null) {
            stream.close();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A pipe to a pager that may have been quit: once a write fails, later ones are dropped. */
    private static final class QuietPipe extends FilterOutputStream {
        private boolean broken;

        QuietPipe(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!broken) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    broken = true;
                }
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() {
            if (!broken) {
                try {
                    out.flush();
                } catch (IOException e) {
                    broken = true;
                }
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                // The pager has gone already.
            }
        }
    }

    /** Standard output, which outlives the command. */
    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
