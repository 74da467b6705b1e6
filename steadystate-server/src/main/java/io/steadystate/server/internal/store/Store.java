package io.steadystate.server.internal.store;

import io.steadystate.server.Config;
import io.steadystate.server.DatabaseSettings;
import java.time.Duration;
import java.time.Instant;

/** The server's persistence: one database, its stores, a readiness check. Thread-safe. */
public final class Store implements AutoCloseable {

    private final Database db;
    private final UserStore users;
    private final JdbcRefreshTokenStore refreshTokens;
    private final DeviceFlowStore deviceFlows;
    private final SessionStore sessions;

    private Store(Database db) {
        this.db = db;
        this.users = new UserStore(db);
        this.refreshTokens = new JdbcRefreshTokenStore(db);
        this.deviceFlows = new DeviceFlowStore(db);
        this.sessions = new SessionStore(db);
    }

    /** Opens the configured database and brings its schema up to date. */
    public static Store open(Config config) {
        return open(config.database());
    }

    /** Opens a database and brings its schema up to date. */
    public static Store open(DatabaseSettings settings) {
        return new Store(Database.open(settings));
    }

    public UserStore users() {
        return users;
    }

    public JdbcRefreshTokenStore refreshTokens() {
        return refreshTokens;
    }

    public DeviceFlowStore deviceFlows() {
        return deviceFlows;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public Database database() {
        return db;
    }

    /** For readiness: whether the database answers within two seconds. */
    public boolean ping() {
        return db.ping(Duration.ofSeconds(2));
    }

    /**
     * Deletes device flows expired by {@code now} and refresh tokens that expired before {@code now}
     * (a spent token is kept until then, so that its reuse is still recognised); returns how many rows went.
     */
    public int purgeExpired(Instant now) {
        return deviceFlows.deleteExpired(now) + refreshTokens.deleteExpired(now);
    }

    @Override
    public void close() {
        db.close();
    }
}
