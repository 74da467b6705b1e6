package io.steadystate.cli.quickstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A SteadyState server started by the tour on a free loopback port; its output goes to a log file. */
final class LocalServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String url;

    private LocalServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static LocalServer start(String launcher, Map<String, String> env, Path log)
            throws IOException, InterruptedException, Processes.StepFailed {
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher, "server")).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("quickstart-server-log").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    w.write(line);
                    w.write('\n');
                    w.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (!url.isDone() && m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the server stopped
            }
            url.complete(null);
        });
        try {
            String found = url.get(120, TimeUnit.SECONDS);
            if (found == null) {
                p.waitFor(5, TimeUnit.SECONDS);
                throw new Processes.StepFailed("the server stopped at start-up (exit " + (p.isAlive() ? "?" : p.exitValue())
                        + "); its log is in " + log);
            }
            return new LocalServer(p, found);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new Processes.StepFailed("the server did not start within 120 s; its log is in " + log);
        }
    }

    String url() {
        return url;
    }

    /** Stops the server the way an operator would (SIGTERM), forcibly if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
