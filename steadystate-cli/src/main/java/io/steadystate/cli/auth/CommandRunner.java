package io.steadystate.cli.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program with an argument list (never through a shell), feeding it bytes on standard input. */
@FunctionalInterface
public interface CommandRunner {

    /** What a finished program left: its exit code and its output as UTF-8 text. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            // stdout may hold a secret (a lookup's answer).
            return "Result[exitCode=" + exitCode + ", stderr=" + stderr.strip() + "]";
        }
    }

    /**
     * Runs {@code command} and waits for it.
     *
     * @param stdin   written to the program's standard input, which is then closed; null for none
     * @param timeout how long to wait; after it the program is killed and an {@link IOException} thrown
     * @throws IOException when the program cannot be started or does not finish in time
     */
    Result run(List<String> command, byte[] stdin, Duration timeout) throws IOException, InterruptedException;

    /** Runs real processes. */
    /**
     * Runs {@code command} as a probe: its result, or empty when it could not run at all (missing,
     * timed out, interrupted — the interrupt is kept for the caller).
     */
    default java.util.Optional<Result> probe(List<String> command, Duration timeout) {
        try {
            return java.util.Optional.of(run(command, null, timeout));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    static CommandRunner system() {
        return CommandRunner::runProcess;
    }

    private static Result runProcess(List<String> command, byte[] stdin, Duration timeout)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = Thread.ofVirtual().start(() -> drain(p.getInputStream(), out));
        Thread errReader = Thread.ofVirtual().start(() -> drain(p.getErrorStream(), err));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the program exited without reading its input; its exit code tells what happened
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
        }
        outReader.join();
        errReader.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void drain(InputStream in, ByteArrayOutputStream to) {
        try (in) {
            in.transferTo(to);
        } catch (IOException e) {
            // the process went away; keep what was read
        }
    }
}
