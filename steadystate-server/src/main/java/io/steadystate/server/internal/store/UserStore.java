package io.steadystate.server.internal.store;

import io.steadystate.api.Identity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Users in table {@code users}, keyed by {@link Identity#principal()}. */
public final class UserStore {

    private final Database db;

    UserStore(Database db) {
        this.db = db;
    }

    /**
     * Records a login: inserts the user, or updates the login name (it may change on the provider) and the
     * last-seen time. Safe against concurrent logins of the same user.
     */
    public User upsert(Identity identity, Instant now) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(now, "now");
        return db.withConnection(c -> {
            if (update(c, identity, now) == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users "
                        + "(principal, provider, subject, login, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, identity.principal());
                    ps.setString(2, identity.provider());
                    ps.setString(3, identity.subject());
                    ps.setString(4, identity.login());
                    Jdbc.setInstant(ps, 5, now);
                    Jdbc.setInstant(ps, 6, now);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!Jdbc.isUniqueViolation(e)) {
                        throw e;
                    }
                    update(c, identity, now); // inserted concurrently: record this login on that row
                }
            }
            return find(c, identity.principal()).orElseThrow(
                    () -> new StoreException("user " + identity.principal() + " vanished while being saved"));
        });
    }

    /**
     * Replaces the user's sealed forge token (opaque text; sealing is the caller's business); returns
     * false when there is no such user.
     */
    public boolean setSealedForgeToken(String principal, String sealed) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sealed, "sealed");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET forge_token_sealed = ? WHERE principal = ?")) {
                ps.setString(1, sealed);
                ps.setString(2, principal);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The user's sealed forge token; empty when the user or the token is unknown. */
    public Optional<String> sealedForgeToken(String principal) {
        Objects.requireNonNull(principal, "principal");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT forge_token_sealed FROM users WHERE principal = ?")) {
                ps.setString(1, principal);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public Optional<User> find(String principal) {
        Objects.requireNonNull(principal, "principal");
        return db.withConnection(c -> find(c, principal));
    }

    private static int update(Connection c, Identity identity, Instant now) throws SQLException {
        // a late, older login never moves last_seen back
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET login = ?, "
                + "last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE principal = ?")) {
            ps.setString(1, identity.login());
            Jdbc.setInstant(ps, 2, now);
            Jdbc.setInstant(ps, 3, now);
            ps.setString(4, identity.principal());
            return ps.executeUpdate();
        }
    }

    private static Optional<User> find(Connection c, String principal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT provider, subject, login, first_seen, last_seen FROM users WHERE principal = ?")) {
            ps.setString(1, principal);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(
                        new Identity(rs.getString("provider"), rs.getString("subject"), rs.getString("login")),
                        Jdbc.getInstant(rs, "first_seen"), Jdbc.getInstant(rs, "last_seen")));
            }
        }
    }
}
