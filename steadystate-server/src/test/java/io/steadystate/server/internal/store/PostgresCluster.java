package io.steadystate.server.internal.store;

import io.steadystate.server.DatabaseSettings;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for tests: {@code initdb} into a temporary directory, started with
 * {@code pg_ctl} on a free loopback port, its unix socket in that directory, password authentication.
 * As root (initdb refuses to run as root) the PostgreSQL programs run as the {@code postgres} user through
 * {@code runuser}, with the directory handed to that user. Every wait is bounded.
 */
final class PostgresCluster implements AutoCloseable {

    private static final long STEP_TIMEOUT_SECONDS = 60;
    private static final String SUPERUSER = "steadystate";

    private final Path binDir;
    private final Path root;
    private final Path dataDir;
    private final List<String> runAs;
    private final int port;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean running;

    private PostgresCluster(Path binDir, Path root, List<String> runAs, int port, String password) {
        this.binDir = binDir;
        this.root = root;
        this.dataDir = root.resolve("data");
        this.runAs = runAs;
        this.port = port;
        this.password = password;
    }

    /** The directory holding {@code initdb} and {@code pg_ctl}: on the PATH, else the newest /usr/lib/postgresql/N/bin. */
    static Optional<Path> findBinDir() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path initdb = Path.of(dir, "initdb");
                if (Files.isExecutable(initdb)) {
                    try {
                        Path real = initdb.toRealPath().getParent();
                        if (Files.isExecutable(real.resolve("pg_ctl"))) {
                            return Optional.of(real);
                        }
                    } catch (IOException e) {
                        // try the next one
                    }
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(PostgresCluster::majorVersion));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Why a cluster cannot be started here, or empty when it can. */
    static Optional<String> unavailableReason() {
        if (findBinDir().isEmpty()) {
            return Optional.of("PostgreSQL is not installed (no initdb/pg_ctl on the PATH or in /usr/lib/postgresql/*/bin)");
        }
        if (isRoot()) {
            if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
                return Optional.of("running as root, and runuser is missing to run PostgreSQL as user postgres");
            }
            if (lookupPostgresUser() == null) {
                return Optional.of("running as root, and there is no postgres user to run PostgreSQL as");
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static UserPrincipal lookupPostgresUser() {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (IOException e) {
            return null;
        }
    }

    /** Creates and starts a cluster. */
    static PostgresCluster start() throws IOException, InterruptedException {
        Path bin = findBinDir().orElseThrow();
        Path root = Files.createTempDirectory("steadystate-pg-");
        List<String> runAs = List.of();
        if (isRoot()) {
            UserPrincipal postgres = lookupPostgresUser();
            Files.setOwner(root, postgres);
            runAs = List.of(Files.isExecutable(Path.of("/usr/sbin/runuser")) ? "/usr/sbin/runuser" : "/sbin/runuser",
                    "-u", "postgres", "--");
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        PostgresCluster cluster = new PostgresCluster(bin, root, runAs, freePort(), HexFormat.of().formatHex(random));
        try {
            cluster.initAndStart();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path pwfile = root.resolve("pwfile");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        chownToRunAs(pwfile);
        run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"),
                root.resolve("initdb.log"));
        Files.delete(pwfile);
        // Settings go into the configuration file rather than through pg_ctl -o, which a shell would re-split.
        String settings = "\n# test cluster\n"
                + "listen_addresses = '127.0.0.1'\n"
                + "port = " + port + "\n"
                + "unix_socket_directories = '" + root.toString().replace("'", "''") + "'\n"
                + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                + "max_connections = 100\nshared_buffers = 16MB\n";
        Path conf = dataDir.resolve("postgresql.conf");
        Files.writeString(conf, settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                root.resolve("server.log").toString(), "-w", "-t", "60", "start"), root.resolve("pg_ctl-start.log"));
        running = true;
    }

    private void chownToRunAs(Path p) throws IOException {
        if (!runAs.isEmpty()) {
            Files.setOwner(p, lookupPostgresUser());
        }
    }

    /** A new, empty database and the settings to reach it as the cluster's superuser. */
    DatabaseSettings newDatabase() throws SQLException {
        String name = "t" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        }
        return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, url(name), SUPERUSER, password);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?connectTimeout=10&socketTimeout=60";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (running) {
                running = false;
                try {
                    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w",
                            "-t", "30", "stop"), root.resolve("pg_ctl-stop.log"));
                } catch (IOException e) {
                    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate",
                            "-w", "-t", "30", "stop"), root.resolve("pg_ctl-kill.log"));
                }
            }
        } finally {
            deleteTree(root);
        }
    }

    /** Runs a PostgreSQL program (as user postgres when we are root), output to {@code log}; bounded. */
    private void run(List<String> argv, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.directory(runAs.isEmpty() ? root.toFile() : new File("/"));
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        Process p = pb.start();
        if (!p.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException(String.join(" ", argv) + " did not finish in " + STEP_TIMEOUT_SECONDS + "s:\n"
                    + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed with exit code " + p.exitValue() + ":\n"
                    + tail(log) + serverLog());
        }
    }

    private String serverLog() {
        Path log = root.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + tail(log) : "";
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
