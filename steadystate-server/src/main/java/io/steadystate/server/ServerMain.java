package io.steadystate.server;

import io.steadystate.api.spi.AuthProviderException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code steadystate server}: starts the reference server from environment variables and runs
 * until SIGTERM or SIGINT, then stops gracefully.
 *
 * <p>Exit codes: 0 after a clean stop, 2 for a configuration problem, 255 when it could not start.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? System.out : System.err).println(USAGE);
            System.exit(help ? 0 : 129);
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %5$s%6$s%n");
        }
        Config config;
        try {
            config = Config.fromEnv();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SteadyStateServer server;
        try {
            server = SteadyStateServer.start(config);
        } catch (IllegalArgumentException | AuthProviderException e) {
            System.err.println("steadystate server: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("steadystate server: could not start: " + e.getMessage());
            System.exit(255);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("steadystate server: stopping");
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("SteadyState server listening on " + server.baseUri() + " (data in " + config.dataDir() + ")");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String USAGE = """
            usage: steadystate server

            Starts the SteadyState server; it is configured by environment variables:
              STEADYSTATE_PORT (3000), STEADYSTATE_BIND_ADDRESS (127.0.0.1), STEADYSTATE_EXTERNAL_HOST,
              STEADYSTATE_DATA_DIR (~/.steadystate), STEADYSTATE_DATABASE_URL (embedded H2 when unset;
              postgresql://user:pass@host:port/db for PostgreSQL), JWT_SECRET (32+ bytes; else an ES256 key
              is kept in the data dir), STEADYSTATE_JWT_TTL, STEADYSTATE_AUTH_PROVIDERS (github),
              STEADYSTATE_DEV_AUTH, GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, GITHUB_BASE_URL (also where
              sessions fetch <login>.keys; file:///folder reads them from a folder, with the dev provider),
              GITHUB_API_URL, STEADYSTATE_SSH_USER, STEADYSTATE_ALLOWED_REPO_ROOTS,
              STEADYSTATE_SESSION_IDLE_TIMEOUT, STEADYSTATE_MAX_BODY_BYTES, STEADYSTATE_PUBLIC_URL (the
              web page's address; https:// marks its cookie Secure).

            Exit codes: 0 stopped cleanly, 2 configuration problem, 129 wrong usage, 255 could not start.""";
}
