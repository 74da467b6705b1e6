package io.steadystate.api.spi;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command inside a session, as an argument list (never a shell string), and waits for it.
 */
public interface RemoteExecutor {

    /**
     * Runs {@code argv} in the session and returns its exit code and output; the command is killed
     * when {@code timeout} passes.
     */
    ExecResult run(List<String> argv, Duration timeout) throws ComputeException, InterruptedException;

    /** What a command printed and how it ended. */
    record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {
        public ExecResult {
            stdout = stdout == null ? new byte[0] : stdout.clone();
            stderr = stderr == null ? new byte[0] : stderr.clone();
        }

        @Override
        public byte[] stdout() {
            return stdout.clone();
        }

        @Override
        public byte[] stderr() {
            return stderr.clone();
        }
    }
}
