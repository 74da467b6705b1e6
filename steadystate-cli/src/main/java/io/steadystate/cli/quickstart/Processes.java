package io.steadystate.cli.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the programs the tour drives (the CLI, ssh, git) with argument lists, input, a time limit and captured output. */
final class Processes {

    /** A finished program: exit code and what it printed. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** A program that failed; the tour stops and says which step failed and why. */
    static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }

    private final Map<String, String> environment;

    Processes(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Map<String, String> environment() {
        return environment;
    }

    Result run(List<String> argv, Path cwd, String input, Map<String, String> extraEnv, Duration limit)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = copy(p.getInputStream(), out);
        Thread t2 = copy(p.getErrorStream(), err);
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the program does not read its input
        }
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            t1.join(2000);
            t2.join(2000);
            return new Result(124, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + "\n(stopped after " + limit.toSeconds() + " s)");
        }
        t1.join(5000);
        t2.join(5000);
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code argv} and fails the step unless it exits 0. */
    Result require(String what, List<String> argv, Path cwd, String input, Map<String, String> extraEnv)
            throws IOException, InterruptedException, StepFailed {
        Result r = run(argv, cwd, input, extraEnv, Duration.ofMinutes(3));
        if (!r.ok()) {
            throw new StepFailed(what + " failed (exit " + r.exit() + "): " + lastLines(r.err().isBlank() ? r.out() : r.err()));
        }
        return r;
    }

    static String lastLines(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static Thread copy(InputStream from, ByteArrayOutputStream to) {
        return Thread.ofPlatform().daemon(true).start(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException e) {
                // the program closed its output
            }
        });
    }
}
