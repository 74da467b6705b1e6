package io.steadystate.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionMode;
import io.steadystate.api.SessionState;
import io.steadystate.auth.RefreshTokenRecord;
import io.steadystate.auth.RevokedFamily;
import io.steadystate.server.DatabaseSettings;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's behaviour, run against every database the server supports (see the subclasses). */
abstract class StoreContract {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123456Z");
    static final Identity OCTOCAT = new Identity("github", "583231", "octocat");
    static final Identity HUBOT = new Identity("github", "480938", "hubot");

    DatabaseSettings settings;
    Store store;

    /** A new, empty database. */
    abstract DatabaseSettings newDatabase() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        settings = newDatabase();
        store = Store.open(settings);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    Store reopen() {
        store.close();
        store = Store.open(settings);
        return store;
    }

    static RefreshTokenRecord token(String hash, String family, Instant issued, Duration ttl) {
        return new RefreshTokenRecord(hash, family, OCTOCAT, issued, issued.plus(ttl), null, null);
    }

    // --- schema ---

    @Test
    void migrationsApplyOnceAndSurviveReopening() throws Exception {
        assertThat(store.database().schemaVersion()).isEqualTo(Database.latestVersion());
        assertThat(store.ping()).isTrue();
        reopen();
        reopen();
        assertThat(store.database().schemaVersion()).isEqualTo(Database.latestVersion());
        int rows = store.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM schema_version");
                    var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(Database.MIGRATIONS.size());
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefused() {
        int future = Database.latestVersion() + 7;
        store.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'future', ?)")) {
                ps.setInt(1, future);
                Jdbc.setInstant(ps, 2, T0);
                return ps.executeUpdate();
            }
        });
        store.close();
        store = null;
        assertThatThrownBy(() -> Store.open(settings)).isInstanceOf(StoreException.class)
                .hasMessageContaining("version " + future)
                .hasMessageContaining("newer than this server knows (up to version " + Database.latestVersion() + ")");
    }

    @Test
    void restartKeepsUsersTokensAndDeviceFlows() {
        store.users().upsert(OCTOCAT, T0);
        store.refreshTokens().insert(token("h1", "f1", T0, Duration.ofDays(30)));
        store.deviceFlows().insert("client-code-1", flow(T0));
        reopen();
        assertThat(store.users().find(OCTOCAT.principal())).get().extracting(User::identity).isEqualTo(OCTOCAT);
        assertThat(store.refreshTokens().findByHash("h1")).get().extracting(RefreshTokenRecord::familyId)
                .isEqualTo("f1");
        assertThat(store.deviceFlows().find("client-code-1")).get()
                .extracting(DeviceFlow::providerDeviceCode).isEqualTo("provider-secret-code");
    }

    // --- forge tokens (migration 2) ---

    @Test
    void aUsersSealedForgeTokenIsKeptReplacedAndSurvivesReopening() {
        assertThat(store.users().setSealedForgeToken(OCTOCAT.principal(), "v1.sealed")).as("no such user yet").isFalse();
        store.users().upsert(OCTOCAT, T0);
        store.users().upsert(HUBOT, T0);
        assertThat(store.users().sealedForgeToken(OCTOCAT.principal())).isEmpty();
        assertThat(store.users().setSealedForgeToken(OCTOCAT.principal(), "v1.first")).isTrue();
        assertThat(store.users().setSealedForgeToken(OCTOCAT.principal(), "v1." + "x".repeat(12_000))).isTrue();
        store.users().upsert(OCTOCAT, T0.plusSeconds(60)); // a later login keeps it
        reopen();
        assertThat(store.users().sealedForgeToken(OCTOCAT.principal())).contains("v1." + "x".repeat(12_000));
        assertThat(store.users().sealedForgeToken(HUBOT.principal())).isEmpty();
        assertThat(store.users().sealedForgeToken("github:nobody")).isEmpty();
    }

    @Test
    void aDatabaseAtSchemaOneIsMigratedWithItsUsersKept() {
        store.users().upsert(OCTOCAT, T0);
        store.database().withConnection(c -> {
            try (var s = c.createStatement()) {
                s.execute("ALTER TABLE users DROP COLUMN forge_token_sealed");
                s.execute("DELETE FROM schema_version WHERE version >= 2");
            }
            return null;
        });
        assertThat(store.database().schemaVersion()).isEqualTo(1);
        reopen();
        assertThat(store.database().schemaVersion()).isEqualTo(Database.latestVersion()).isGreaterThanOrEqualTo(2);
        assertThat(store.users().find(OCTOCAT.principal())).get().extracting(User::identity).isEqualTo(OCTOCAT);
        assertThat(store.users().setSealedForgeToken(OCTOCAT.principal(), "v1.after-upgrade")).isTrue();
        assertThat(store.users().sealedForgeToken(OCTOCAT.principal())).contains("v1.after-upgrade");
    }

    // --- refresh tokens ---

    @Test
    void refreshTokensRoundTrip() {
        RefreshTokenRecord t = new RefreshTokenRecord("hash-a", "fam", OCTOCAT, T0, T0.plusSeconds(3600),
                null, null);
        store.refreshTokens().insert(t);
        assertThat(store.refreshTokens().findByHash("hash-a")).contains(t);
        assertThat(store.refreshTokens().findByHash("nope")).isEmpty();
        assertThatThrownBy(() -> store.refreshTokens().insert(t)).isInstanceOf(StoreException.class);
    }

    @Test
    void markRotatedOnlyOnce() {
        store.refreshTokens().insert(token("h", "f", T0, Duration.ofDays(1)));
        assertThat(store.refreshTokens().markRotated("h", T0.plusSeconds(5))).isTrue();
        assertThat(store.refreshTokens().markRotated("h", T0.plusSeconds(6))).isFalse();
        assertThat(store.refreshTokens().markRotated("unknown", T0)).isFalse();
        assertThat(store.refreshTokens().findByHash("h")).get().extracting(RefreshTokenRecord::rotatedAt)
                .isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void concurrentMarkRotatedHasExactlyOneWinner() throws Exception {
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            String hash = "race-" + round;
            store.refreshTokens().insert(token(hash, "f-race", T0, Duration.ofDays(1)));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Instant at = T0.plusSeconds(i);
                    Callable<Boolean> call = () -> {
                        go.await();
                        return store.refreshTokens().markRotated(hash, at);
                    };
                    results.add(pool.submit(call));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    if (f.get(30, TimeUnit.SECONDS)) {
                        winners++;
                    }
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void revokeFamilyRevokesEveryLiveTokenOfThatFamilyOnly() {
        store.refreshTokens().insert(token("a1", "A", T0, Duration.ofDays(1)));
        store.refreshTokens().insert(token("a2", "A", T0.plusSeconds(1), Duration.ofDays(1)));
        store.refreshTokens().insert(token("b1", "B", T0, Duration.ofDays(1)));
        store.refreshTokens().markRotated("a1", T0.plusSeconds(1));
        store.refreshTokens().revokeFamily("A", T0.plusSeconds(10));
        store.refreshTokens().revokeFamily("A", T0.plusSeconds(20)); // keeps the first revocation time
        assertThat(store.refreshTokens().findFamily("A")).extracting(RefreshTokenRecord::revokedAt)
                .containsOnly(T0.plusSeconds(10));
        assertThat(store.refreshTokens().findByHash("b1")).get().extracting(RefreshTokenRecord::revokedAt).isNull();
        assertThat(store.refreshTokens().markRotated("a2", T0.plusSeconds(30))).isFalse();
        assertThat(store.refreshTokens().markRotated("b1", T0.plusSeconds(30))).isTrue();
    }

    @Test
    void familiesRevokedSinceGivesEachFamilyOnceWithItsLatestRevocation() {
        store.refreshTokens().insert(token("a1", "A", T0, Duration.ofDays(1)));
        store.refreshTokens().insert(token("b1", "B", T0, Duration.ofDays(1)));
        store.refreshTokens().insert(token("c1", "C", T0, Duration.ofDays(1)));
        store.refreshTokens().insert(token("d1", "D", T0, Duration.ofDays(1)));
        store.refreshTokens().revokeFamily("A", T0.plusSeconds(10));
        // A token added to A after its revocation and revoked again, as when a rotation races a reuse.
        store.refreshTokens().insert(token("a2", "A", T0.plusSeconds(11), Duration.ofDays(1)));
        store.refreshTokens().revokeFamily("A", T0.plusSeconds(12));
        store.refreshTokens().revokeFamily("B", T0.plusSeconds(20));
        store.refreshTokens().revokeFamily("C", T0.plusSeconds(5));

        assertThat(store.refreshTokens().familiesRevokedSince(T0.plusSeconds(10))).containsExactlyInAnyOrder(
                new RevokedFamily("A", T0.plusSeconds(12)), new RevokedFamily("B", T0.plusSeconds(20)));
        assertThat(reopen().refreshTokens().familiesRevokedSince(T0)).extracting(RevokedFamily::familyId)
                .containsExactlyInAnyOrder("A", "B", "C");
        assertThat(store.refreshTokens().familiesRevokedSince(T0.plusSeconds(21))).isEmpty();
    }

    @Test
    void expiredTokensAndFlowsArePurged() {
        store.refreshTokens().insert(token("old", "f", T0, Duration.ofMinutes(5)));
        store.refreshTokens().insert(token("new", "f", T0, Duration.ofDays(30)));
        store.deviceFlows().insert("code-old", flow(T0.minus(Duration.ofHours(1))));
        store.deviceFlows().insert("code-new", flow(T0));
        Instant now = T0.plus(Duration.ofMinutes(10));
        assertThat(store.purgeExpired(now)).isEqualTo(2);
        assertThat(store.refreshTokens().findByHash("old")).isEmpty();
        assertThat(store.refreshTokens().findByHash("new")).isPresent();
        assertThat(store.deviceFlows().find("code-old")).isEmpty();
        assertThat(store.deviceFlows().find("code-new")).isPresent();
        assertThat(store.refreshTokens().deleteExpired(T0.plus(Duration.ofDays(30)))).isZero(); // not before
        assertThat(store.refreshTokens().deleteExpired(T0.plus(Duration.ofDays(31)))).isEqualTo(1);
    }

    // --- users ---

    @Test
    void userUpsertInsertsThenUpdatesLoginAndLastSeen() {
        User first = store.users().upsert(OCTOCAT, T0);
        assertThat(first).isEqualTo(new User(OCTOCAT, T0, T0));
        Identity renamed = new Identity("github", "583231", "octo-renamed");
        User again = store.users().upsert(renamed, T0.plusSeconds(60));
        assertThat(again).isEqualTo(new User(renamed, T0, T0.plusSeconds(60)));
        // an older login arriving late does not move last_seen back
        assertThat(store.users().upsert(renamed, T0.plusSeconds(30)).lastSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.users().find(HUBOT.principal())).isEmpty();
        store.users().upsert(HUBOT, T0);
        assertThat(store.users().find(HUBOT.principal())).get().extracting(User::principal)
                .isEqualTo("github:480938");
    }

    @Test
    void concurrentFirstLoginsOfOneUserMakeOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<User>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Instant at = T0.plusSeconds(i);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.users().upsert(OCTOCAT, at);
                }));
            }
            go.countDown();
            for (Future<User> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS).identity()).isEqualTo(OCTOCAT);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.users().find(OCTOCAT.principal())).get().extracting(User::lastSeen)
                .isEqualTo(T0.plusSeconds(5));
    }

    // --- device flows ---

    static DeviceFlow flow(Instant created) {
        return new DeviceFlow("github", "provider-secret-code", "WDJB-MJHT", "https://github.com/login/device",
                created.plus(Duration.ofMinutes(15)), 5, created.plusSeconds(5), created);
    }

    @Test
    void deviceFlowsAreFoundByTheClientCodeAndKeepTheProviderCodeSealed() {
        DeviceFlow f = flow(T0);
        store.deviceFlows().insert("client-code-xyz", f);
        assertThat(store.deviceFlows().find("client-code-xyz")).contains(f);
        assertThat(store.deviceFlows().find("other-code")).isEmpty();
        assertThat(f.toString()).doesNotContain("provider-secret-code");
        String row = store.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT device_code_hash, provider_code_sealed FROM device_flows");
                    var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + " " + rs.getString(2);
            }
        });
        assertThat(row).doesNotContain("client-code-xyz").doesNotContain("provider-secret-code")
                .startsWith(DeviceFlowStore.hash("client-code-xyz"));
    }

    @Test
    void deviceFlowPollingIsScheduledAndClaimedOnce() {
        store.deviceFlows().insert("c1", flow(T0));
        Instant early = T0.plusSeconds(2);
        assertThat(store.deviceFlows().claimPoll("c1", early, early.plusSeconds(5))).isFalse();
        Instant due = T0.plusSeconds(5);
        assertThat(store.deviceFlows().claimPoll("c1", due, due.plusSeconds(5))).isTrue();
        assertThat(store.deviceFlows().claimPoll("c1", due, due.plusSeconds(5))).isFalse();
        assertThat(store.deviceFlows().reschedule("c1", due.plusSeconds(10), 10)).isTrue();
        assertThat(store.deviceFlows().find("c1")).get().satisfies(f -> {
            assertThat(f.intervalSeconds()).isEqualTo(10);
            assertThat(f.nextPollAt()).isEqualTo(due.plusSeconds(10));
        });
        Instant expired = T0.plus(Duration.ofMinutes(16));
        assertThat(store.deviceFlows().claimPoll("c1", expired, expired)).isFalse();
        assertThat(store.deviceFlows().reschedule("unknown", due, 5)).isFalse();
        assertThat(store.deviceFlows().delete("c1")).isTrue();
        assertThat(store.deviceFlows().delete("c1")).isFalse();
        assertThat(store.deviceFlows().find("c1")).isEmpty();
        assertThat(store.deviceFlows().deleteExpired(expired)).isZero();
    }

    // --- sessions ---

    static SessionInfo session(String id, SessionState state, List<String> allowed, List<String> viewers,
            Instant created) {
        return new SessionInfo(new SessionId(id), state, SessionMode.COLLAB, "https://github.com/o/r.git", "main",
                "octocat", allowed, viewers, "local", null, null, null, null, created, created);
    }

    @Test
    void sessionsRoundTripAndUpdate() {
        SessionInfo s = session("sess00000001", SessionState.PROVISIONING, List.of("hubot", "alice"),
                List.of("bob"), T0);
        store.sessions().insert(OCTOCAT.principal(), s);
        assertThat(store.sessions().find(s.id())).contains(new StoredSession(OCTOCAT.principal(), s));
        assertThat(store.sessions().find(new SessionId("missing00001"))).isEmpty();
        assertThatThrownBy(() -> store.sessions().insert(OCTOCAT.principal(), s)).isInstanceOf(StoreException.class);

        SessionInfo running = new SessionInfo(s.id(), SessionState.RUNNING, SessionMode.PAIR, s.repoUrl(), null,
                s.creator(), List.of("carol"), List.of(), "local", "steadystate@127.0.0.1:2222",
                "steadystate://join/abc", "ssh-ed25519 AAAAC3Nza", "ready", T0, T0.plusSeconds(9));
        assertThat(store.sessions().update(running)).isTrue();
        reopen();
        assertThat(store.sessions().find(s.id())).get().extracting(StoredSession::info).isEqualTo(running);
        assertThat(store.sessions().update(session("missing00001", SessionState.RUNNING, List.of(), List.of(), T0)))
                .isFalse();
    }

    @Test
    void sessionsAreListedByCreatorVisibilityAndState() {
        store.sessions().insert(OCTOCAT.principal(),
                session("sessaaaaaaaa", SessionState.RUNNING, List.of("Hubot"), List.of(), T0));
        store.sessions().insert(OCTOCAT.principal(),
                session("sessbbbbbbbb", SessionState.TERMINATED, List.of(), List.of("hubot"), T0.plusSeconds(1)));
        store.sessions().insert(HUBOT.principal(),
                session("sesscccccccc", SessionState.PROVISIONING, List.of(), List.of(), T0.plusSeconds(2)));
        store.sessions().insert(HUBOT.principal(),
                session("sessdddddddd", SessionState.RUNNING, List.of("alice"), List.of(), T0.plusSeconds(3)));

        assertThat(store.sessions().listCreatedBy(OCTOCAT.principal())).extracting(x -> x.info().id().value())
                .containsExactly("sessaaaaaaaa", "sessbbbbbbbb");
        assertThat(store.sessions().listVisibleTo(HUBOT.principal(), "hubot")).extracting(x -> x.info().id().value())
                .containsExactly("sessaaaaaaaa", "sessbbbbbbbb", "sesscccccccc", "sessdddddddd");
        assertThat(store.sessions().listVisibleTo("github:1", "ALICE")).extracting(x -> x.info().id().value())
                .containsExactly("sessdddddddd");
        assertThat(store.sessions().listVisibleTo("github:2", "nobody")).isEmpty();
        assertThat(store.sessions().listInStates(Set.of(SessionState.PROVISIONING, SessionState.RUNNING)))
                .extracting(x -> x.info().id().value())
                .containsExactly("sessaaaaaaaa", "sesscccccccc", "sessdddddddd");
        assertThat(store.sessions().listInStates(Set.of())).isEmpty();
    }
}
