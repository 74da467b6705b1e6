package io.steadystate.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the server keeps its data: the embedded H2 database in the data dir, or PostgreSQL.
 *
 * @param kind     which database
 * @param jdbcUrl  the JDBC URL; for PostgreSQL it may carry further driver options ({@code ?sslmode=require})
 * @param user     the user to connect as, or null when the URL carries it
 * @param password the password, or null; never printed by {@link #toString()}
 */
public record DatabaseSettings(Kind kind, String jdbcUrl, String user, String password) {

    /** The database products the server knows. */
    public enum Kind {
        H2, POSTGRESQL
    }

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * The embedded H2 database {@code <dataDir>/db/steadystate}: a file database that only one process
     * opens at a time (H2's file lock refuses a second server process on the same data dir).
     */
    public static DatabaseSettings embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("db").resolve("steadystate");
        return new DatabaseSettings(Kind.H2,
                "jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE", "steadystate", "");
    }

    /** The directory of the embedded database files, or null for PostgreSQL. */
    public Path embeddedDirectory() {
        if (kind != Kind.H2 || !jdbcUrl.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String rest = jdbcUrl.substring("jdbc:h2:file:".length());
        int semi = rest.indexOf(';');
        return Path.of(semi < 0 ? rest : rest.substring(0, semi)).getParent();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + kind + " " + URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1***")
                + (user == null ? "" : " user=" + user)
                + (password == null || password.isEmpty() ? "" : " password=***") + "]";
    }
}
