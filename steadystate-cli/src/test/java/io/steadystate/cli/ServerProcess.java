package io.steadystate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server, started with {@code bin/steadystate server} on a free loopback port. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String url;
    private final StringBuilder log = new StringBuilder();

    ServerProcess(Path launcher, Path dataDir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "server").redirectErrorStream(true);
        pb.environment().put("STEADYSTATE_PORT", "0");
        pb.environment().put("STEADYSTATE_BIND_ADDRESS", "127.0.0.1");
        pb.environment().put("STEADYSTATE_DATA_DIR", dataDir.toString());
        pb.environment().putAll(env);
        process = pb.start();
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                found.completeExceptionally(e);
            }
            found.completeExceptionally(new IOException("the server exited before it listened:\n" + log()));
        });
        try {
            url = found.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the server did not start: " + e.getMessage() + "\n" + log(), e);
        }
    }

    String url() {
        return url;
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    /** Stops it the way an init system would (SIGTERM) and waits for the graceful stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the server's JVM with SIGKILL (and the launcher around it), as a crash would: nothing runs its shutdown. */
    void kill() throws InterruptedException {
        process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
