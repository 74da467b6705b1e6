package io.steadystate.server.internal.store;

import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionMode;
import io.steadystate.api.SessionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions in table {@code sessions}, one column per {@link SessionInfo} field; allowed users and viewers
 * in {@code session_members}, in the order given. Logins are matched without regard to case.
 */
public final class SessionStore {

    private static final String ALLOWED = "allowed";
    private static final String VIEWER = "viewer";
    private static final String COLUMNS = "id, creator_principal, creator, state, mode, repo_url, branch, "
            + "compute_provider, endpoint, magic_link, host_public_key, message, created_at, updated_at";

    private final Database db;

    SessionStore(Database db) {
        this.db = db;
    }

    /** Stores a new session; fails when the id is taken. */
    public void insert(String creatorPrincipal, SessionInfo info) {
        Objects.requireNonNull(creatorPrincipal, "creatorPrincipal");
        Objects.requireNonNull(info, "info");
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, info.id().value());
                ps.setString(2, creatorPrincipal);
                ps.setString(3, info.creator());
                ps.setString(4, info.state().wireName());
                ps.setString(5, info.mode().wireName());
                ps.setString(6, info.repoUrl());
                ps.setString(7, info.branch());
                ps.setString(8, info.computeProvider());
                ps.setString(9, info.endpoint());
                ps.setString(10, info.magicLink());
                ps.setString(11, info.hostPublicKey());
                ps.setString(12, info.message());
                Jdbc.setInstant(ps, 13, info.createdAt());
                Jdbc.setInstant(ps, 14, info.updatedAt());
                ps.executeUpdate();
            }
            writeMembers(c, info);
            return null;
        });
    }

    /**
     * Replaces everything of a stored session but its id, creator and creation time with {@code info};
     * false when there is no such session.
     */
    public boolean update(SessionInfo info) {
        Objects.requireNonNull(info, "info");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET state = ?, mode = ?, repo_url = ?, "
                    + "branch = ?, compute_provider = ?, endpoint = ?, magic_link = ?, host_public_key = ?, "
                    + "message = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, info.state().wireName());
                ps.setString(2, info.mode().wireName());
                ps.setString(3, info.repoUrl());
                ps.setString(4, info.branch());
                ps.setString(5, info.computeProvider());
                ps.setString(6, info.endpoint());
                ps.setString(7, info.magicLink());
                ps.setString(8, info.hostPublicKey());
                ps.setString(9, info.message());
                Jdbc.setInstant(ps, 10, info.updatedAt());
                ps.setString(11, info.id().value());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM session_members WHERE session_id = ?")) {
                ps.setString(1, info.id().value());
                ps.executeUpdate();
            }
            writeMembers(c, info);
            return true;
        });
    }

    public Optional<StoredSession> find(SessionId id) {
        Objects.requireNonNull(id, "id");
        return db.withConnection(c -> {
            List<StoredSession> found = query(c, "SELECT " + COLUMNS + " FROM sessions WHERE id = ?", id.value());
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    /** Sessions created by {@code principal}, oldest first. */
    public List<StoredSession> listCreatedBy(String principal) {
        Objects.requireNonNull(principal, "principal");
        return db.withConnection(c -> query(c, "SELECT " + COLUMNS
                + " FROM sessions WHERE creator_principal = ? ORDER BY created_at, id", principal));
    }

    /**
     * Sessions {@code principal} created, or where {@code login} is an allowed user or a viewer, oldest first.
     */
    public List<StoredSession> listVisibleTo(String principal, String login) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(login, "login");
        return db.withConnection(c -> query(c, "SELECT " + COLUMNS + " FROM sessions WHERE creator_principal = ? "
                + "OR id IN (SELECT session_id FROM session_members WHERE LOWER(login) = LOWER(?)) "
                + "ORDER BY created_at, id", principal, login));
    }

    /** Sessions in any of {@code states} (to resume or reap them at start-up), oldest first. */
    public List<StoredSession> listInStates(Collection<SessionState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(states.size(), "?"));
        Object[] names = states.stream().map(SessionState::wireName).toArray();
        return db.withConnection(c -> query(c, "SELECT " + COLUMNS + " FROM sessions WHERE state IN (" + marks
                + ") ORDER BY created_at, id", names));
    }

    private static void writeMembers(Connection c, SessionInfo info) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO session_members (session_id, role, login, seq) VALUES (?, ?, ?, ?)")) {
            addMembers(ps, info.id().value(), ALLOWED, info.allowedUsers());
            addMembers(ps, info.id().value(), VIEWER, info.viewers());
            ps.executeBatch();
        }
    }

    private static void addMembers(PreparedStatement ps, String id, String role, List<String> logins)
            throws SQLException {
        int seq = 0;
        for (String login : logins.stream().distinct().toList()) {
            ps.setString(1, id);
            ps.setString(2, role);
            ps.setString(3, login);
            ps.setInt(4, seq++);
            ps.addBatch();
        }
    }

    private static List<StoredSession> query(Connection c, String sql, Object... args) throws SQLException {
        List<StoredSession> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, (String) args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredSession(rs.getString("creator_principal"), new SessionInfo(
                            new SessionId(rs.getString("id")), SessionState.fromWire(rs.getString("state")),
                            SessionMode.fromWire(rs.getString("mode")), rs.getString("repo_url"),
                            rs.getString("branch"), rs.getString("creator"), List.of(), List.of(),
                            rs.getString("compute_provider"), rs.getString("endpoint"), rs.getString("magic_link"),
                            rs.getString("host_public_key"), rs.getString("message"),
                            Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "updated_at"))));
                }
            }
        }
        List<StoredSession> withMembers = new ArrayList<>(out.size());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT role, login FROM session_members WHERE session_id = ? ORDER BY role, seq")) {
            for (StoredSession s : out) {
                List<String> allowed = new ArrayList<>();
                List<String> viewers = new ArrayList<>();
                ps.setString(1, s.info().id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        (ALLOWED.equals(rs.getString("role")) ? allowed : viewers).add(rs.getString("login"));
                    }
                }
                SessionInfo i = s.info();
                withMembers.add(new StoredSession(s.creatorPrincipal(), new SessionInfo(i.id(), i.state(), i.mode(),
                        i.repoUrl(), i.branch(), i.creator(), allowed, viewers, i.computeProvider(), i.endpoint(),
                        i.magicLink(), i.hostPublicKey(), i.message(), i.createdAt(), i.updatedAt())));
            }
        }
        return withMembers;
    }
}
