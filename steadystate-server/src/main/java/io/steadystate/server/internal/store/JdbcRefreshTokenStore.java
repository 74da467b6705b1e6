package io.steadystate.server.internal.store;

import io.steadystate.api.Identity;
import io.steadystate.auth.RefreshTokenRecord;
import io.steadystate.auth.RefreshTokenStore;
import io.steadystate.auth.RevokedFamily;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Refresh tokens in table {@code refresh_tokens}; only their hashes are stored. Times are kept to the microsecond. */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {

    private static final String COLUMNS =
            "token_hash, family_id, provider, subject, login, issued_at, expires_at, rotated_at, revoked_at";

    private final Database db;

    JdbcRefreshTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(RefreshTokenRecord token) {
        Objects.requireNonNull(token, "token");
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, token.tokenHash());
                ps.setString(2, token.familyId());
                ps.setString(3, token.identity().provider());
                ps.setString(4, token.identity().subject());
                ps.setString(5, token.identity().login());
                Jdbc.setInstant(ps, 6, token.issuedAt());
                Jdbc.setInstant(ps, 7, token.expiresAt());
                Jdbc.setInstant(ps, 8, token.rotatedAt());
                Jdbc.setInstant(ps, 9, token.revokedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<RefreshTokenRecord> findByHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** One conditional UPDATE: of concurrent calls for one token exactly one sees an update count of 1. */
    @Override
    public boolean markRotated(String tokenHash, Instant at) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(at, "at");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_tokens SET rotated_at = ? "
                    + "WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL")) {
                Jdbc.setInstant(ps, 1, at);
                ps.setString(2, tokenHash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void revokeFamily(String familyId, Instant at) {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(at, "at");
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
                Jdbc.setInstant(ps, 1, at);
                ps.setString(2, familyId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * One grouped query. Without an index on {@code revoked_at} it reads the whole table, which is fine
     * for the one call at start-up it serves.
     */
    @Override
    public List<RevokedFamily> familiesRevokedSince(Instant since) {
        Objects.requireNonNull(since, "since");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT family_id, MAX(revoked_at) AS last_revoked"
                    + " FROM refresh_tokens WHERE revoked_at >= ? GROUP BY family_id")) {
                Jdbc.setInstant(ps, 1, since);
                List<RevokedFamily> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RevokedFamily(rs.getString("family_id"), Jdbc.getInstant(rs, "last_revoked")));
                    }
                }
                return out;
            }
        });
    }

    /** Every token of a family, oldest first. */
    public List<RefreshTokenRecord> findFamily(String familyId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM refresh_tokens WHERE family_id = ? ORDER BY issued_at, token_hash")) {
                ps.setString(1, familyId);
                List<RefreshTokenRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Deletes tokens that expired before {@code cutoff}; returns how many. */
    public int deleteExpired(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM refresh_tokens WHERE expires_at < ?")) {
                Jdbc.setInstant(ps, 1, cutoff);
                return ps.executeUpdate();
            }
        });
    }

    private static RefreshTokenRecord read(ResultSet rs) throws SQLException {
        return new RefreshTokenRecord(rs.getString("token_hash"), rs.getString("family_id"),
                new Identity(rs.getString("provider"), rs.getString("subject"), rs.getString("login")),
                Jdbc.getInstant(rs, "issued_at"), Jdbc.getInstant(rs, "expires_at"),
                Jdbc.getInstant(rs, "rotated_at"), Jdbc.getInstant(rs, "revoked_at"));
    }
}
