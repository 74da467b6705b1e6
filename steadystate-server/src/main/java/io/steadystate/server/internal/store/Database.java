package io.steadystate.server.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.steadystate.server.DatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A connection pool on the server's database, with the schema brought up to date.
 *
 * <p>Schema migrations are the SQL resources {@code db/migration/V<n>__<description>.sql} listed in
 * {@link #MIGRATIONS}. Table {@code schema_version} records each one applied; each is applied in its own
 * transaction together with its {@code schema_version} row. (H2 commits DDL at once, so on H2 a migration
 * cut short is not rolled back: migrations use {@code IF NOT EXISTS} so that they can simply run again.)
 * A database whose schema is newer than this code knows is refused.
 *
 * <p>The embedded H2 database lives in {@code <dataDir>/db}; the data dir (when created here) and the
 * {@code db} directory are made owner-only (0700) and the database files 0600.
 */
public final class Database implements AutoCloseable {

    /** A schema migration: {@code db/migration/V<version>__<description>.sql}. */
    record Migration(int version, String description) {
        String resource() {
            return "/db/migration/V" + version + "__" + description + ".sql";
        }
    }

    /** Every migration, in order; versions count up from 1 without gaps. */
    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "init"), new Migration(2, "forge_token"));

    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final DatabaseSettings settings;
    private final HikariDataSource pool;

    private Database(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Opens the pool and applies pending migrations.
     *
     * @throws StoreException when the database cannot be reached or its schema is newer than this code
     */
    public static Database open(DatabaseSettings settings) {
        Path embeddedDir = settings.embeddedDirectory();
        if (embeddedDir != null) {
            preparePrivateDirectory(embeddedDir);
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("steadystate-db");
        hc.setJdbcUrl(settings.jdbcUrl());
        hc.setDriverClassName(settings.kind() == DatabaseSettings.Kind.H2 ? "org.h2.Driver" : "org.postgresql.Driver");
        if (settings.user() != null) {
            hc.setUsername(settings.user());
        }
        if (settings.password() != null) {
            hc.setPassword(settings.password());
        }
        hc.setMaximumPoolSize(10);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(10_000);
        hc.setValidationTimeout(3_000);
        hc.setAutoCommit(true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + settings + ": " + rootMessage(e), e);
        }
        Database db = new Database(settings, pool);
        try {
            db.migrate();
            if (embeddedDir != null) {
                restrictFiles(embeddedDir);
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    <T> T withConnection(Jdbc.SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Jdbc.SqlWork<T> work) {
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** The schema version in the database: the highest migration applied, 0 for none. */
    public int schemaVersion() {
        return withConnection(Database::currentVersion);
    }

    /** The newest schema version this code knows. */
    public static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /** Whether the database answers within {@code timeout}. */
    public boolean ping(Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        try (Connection c = pool.getConnection()) {
            return c.isValid(seconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        Path embeddedDir = settings.embeddedDirectory();
        if (embeddedDir != null && Files.isDirectory(embeddedDir)) {
            restrictFiles(embeddedDir);
        }
    }

    // --- migrations ---

    private void migrate() {
        withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, "
                        + "description VARCHAR(200) NOT NULL, "
                        + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            return null;
        });
        int current = schemaVersion();
        if (current > latestVersion()) {
            throw new StoreException("the database schema is at version " + current
                    + ", newer than this server knows (up to version " + latestVersion() + "): "
                    + "run a server at least as new as the one that last used this database, "
                    + "or point STEADYSTATE_DATABASE_URL at another database");
        }
        for (Migration m : MIGRATIONS) {
            if (m.version() > current) {
                apply(m);
            }
        }
    }

    private void apply(Migration m) {
        List<String> statements = statements(m);
        try {
            inTransaction(c -> {
                if (currentVersion(c) >= m.version()) {
                    return null; // another server applied it meanwhile
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    Jdbc.setInstant(ps, 3, Instant.now());
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql)
                    && schemaVersion() >= m.version()) {
                return; // applied concurrently by another server
            }
            throw new StoreException("schema migration " + m.resource().substring(1) + " failed: " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM schema_version");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The statements of a migration: {@code --} comment lines dropped, split at {@code ;} ending a line. */
    static List<String> statements(Migration m) {
        String text;
        try (InputStream in = Database.class.getResourceAsStream(m.resource())) {
            if (in == null) {
                throw new StoreException("schema migration " + m.resource() + " is missing from the server");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    // --- file permissions of the embedded database ---

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and missing parents owner-only; makes {@code dir} itself owner-only in any case. */
    static void preparePrivateDirectory(Path dir) {
        try {
            Path parent = dir.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                createOwnerOnly(parent);
            }
            if (!Files.isDirectory(dir)) {
                createOwnerOnly(dir);
            }
            if (posix()) {
                Files.setPosixFilePermissions(dir, OWNER_DIR);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the database directory " + dir + ": " + e, e);
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createOwnerOnly(parent);
        }
        if (posix()) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            Files.setPosixFilePermissions(dir, OWNER_DIR); // the umask may have taken bits away, never added
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Makes every regular file in {@code dir} owner-only (H2 creates them with the process umask). */
    static void restrictFiles(Path dir) {
        if (!posix()) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, OWNER_FILE);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot restrict the database files in " + dir + ": " + e, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
