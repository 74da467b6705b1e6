package io.steadystate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real CLI ({@code bin/steadystate}) as a process against one server and one config dir. */
final class CliProcess {

    static final Path LAUNCHER = Path.of(System.getProperty("steadystate.launcher", "../bin/steadystate"));

    record Run(int exit, String stdout, String stderr) {
    }

    private CliProcess() {
    }

    static Run run(String backend, Path configDir, String... args) throws Exception {
        return runWithInput(backend, configDir, "", args);
    }

    /** As {@link #run}, with {@code input} on the command's standard input. */
    static Run runWithInput(String backend, Path configDir, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("STEADYSTATE_BACKEND_URL", backend);
        pb.environment().put("STEADYSTATE_CONFIG_DIR", configDir.toString());
        Files.createDirectories(configDir.getParent());
        Path out = Files.createTempFile(configDir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(configDir.getParent(), "err", ".txt");
        Path in = Files.createTempFile(configDir.getParent(), "in", ".txt");
        Files.writeString(in, input);
        Process p = pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("steadystate " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
