package io.steadystate.cli.watch;

import io.steadystate.cli.auth.ExecutableFinder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Commands} that start the {@code steadystate} program: {@code STEADYSTATE_LAUNCHER} when it names one,
 * else {@code steadystate} on {@code PATH}; always with an argument list, in the dashboard's work folder.
 */
final class LauncherCommands implements Commands {

    /** Output kept from a captured run: its end, where the summary is. */
    static final int KEEP_OUTPUT = 64 * 1024;

    private final Optional<Path> program;
    private final Path workDir;

    LauncherCommands(Optional<Path> program, Path workDir) {
        this.program = program;
        this.workDir = workDir;
    }

    /** The program named by {@code STEADYSTATE_LAUNCHER} in {@code env}, else {@code steadystate} on its {@code PATH}. */
    static LauncherCommands find(Map<String, String> env, Path workDir) {
        String launcher = env.get("STEADYSTATE_LAUNCHER");
        Optional<Path> program = Optional.empty();
        if (launcher != null && !launcher.isBlank() && Files.isExecutable(Path.of(launcher))) {
            program = Optional.of(Path.of(launcher));
        }
        if (program.isEmpty()) {
            program = ExecutableFinder.onPath(env.get("PATH")).find("steadystate");
        }
        return new LauncherCommands(program, workDir);
    }

    Optional<Path> program() {
        return program;
    }

    @Override
    public Outcome capture(List<String> args) {
        if (program.isEmpty()) {
            return notFound();
        }
        try {
            Process p = new ProcessBuilder(argv(args)).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(new File("/dev/null")).start();
            // No time limit: a sync stopped half-way would be worse than a slow one, and the dashboard stays usable.
            String output = tail(p.getInputStream());
            return new Outcome.Ran(p.waitFor(), output);
        } catch (IOException e) {
            return new Outcome.NotRun("cannot run " + program.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.NotRun("interrupted");
        }
    }

    @Override
    public Outcome onTerminal(List<String> args) {
        if (program.isEmpty()) {
            return notFound();
        }
        try {
            return new Outcome.Ran(new ProcessBuilder(argv(args)).directory(workDir.toFile()).inheritIO().start()
                    .waitFor(), "");
        } catch (IOException e) {
            return new Outcome.NotRun("cannot run " + program.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.NotRun("interrupted");
        }
    }

    private List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(program.orElseThrow().toString());
        argv.addAll(args);
        return argv;
    }

    private static Outcome notFound() {
        return new Outcome.NotRun("the steadystate command was not found; put it on PATH or set STEADYSTATE_LAUNCHER");
    }

    /** Reads {@code in} to its end and returns the last {@link #KEEP_OUTPUT} bytes as text. */
    private static String tail(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            kept.write(buf, 0, n);
            if (kept.size() > 2 * KEEP_OUTPUT) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - KEEP_OUTPUT, KEEP_OUTPUT);
            }
        }
        return kept.toString(StandardCharsets.UTF_8);
    }
}
