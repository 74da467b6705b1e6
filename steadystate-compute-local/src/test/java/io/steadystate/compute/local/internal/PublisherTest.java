package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.SessionId;
import io.steadystate.api.spi.ForgeCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a session to a local bare origin, and the ways it refuses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublisherTest {

    @TempDir
    Path tmp;

    final SessionId id = new SessionId("pub1abcd2345efgh");
    final String branch = "steadystate/collab/" + id;
    final String ref = Constants.R_HEADS + branch;
    Path repos;
    Path origin;
    Path sessionDir;
    Path canonical;
    RepoSource source;
    ActivityLog activity;

    @BeforeEach
    void setUp() throws Exception {
        repos = Files.createDirectories(tmp.resolve("repos"));
        origin = repos.resolve("origin.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(origin.toFile()).call().close();
        commit(origin, "refs/heads/main", "README.md", "# project\n");
        sessionDir = Files.createDirectories(tmp.resolve("s"));
        canonical = sessionDir.resolve("canonical");
        source = RepoSource.parse(origin.toString(), List.of(repos));
        Canonical.create(source, null, canonical, branch);
        Files.writeString(sessionDir.resolve("sync-log"), "");
        activity = new ActivityLog(sessionDir.resolve("activity-log"));
    }

    Publisher publisher(RepoSource from, ForgeCredentials credentials) throws IOException {
        return publisher(from, credentials, "127.0.0.1");
    }

    Publisher publisher(RepoSource from, ForgeCredentials credentials, String tokenHost) throws IOException {
        return new Publisher(id, canonical, branch, from, Publisher.readAlternates(canonical), credentials, tokenHost,
                tmp.resolve("data/publish"), sessionDir.resolve("sync-log"), activity);
    }

    @Test
    void publishPushesTheSessionBranchToTheOriginAndLogsIt() throws Exception {
        ObjectId synced = commit(canonical, ref, "a.txt", "from the session\n");
        Publisher publisher = publisher(source, ForgeCredentials.none());

        Publisher.Outcome outcome = publisher.publish("alice");

        assertThat(outcome).isEqualTo(new Publisher.Outcome.Published(branch, synced.name(), origin.toString()));
        assertThat(head(origin, ref)).isEqualTo(synced);
        assertThat(head(origin, "refs/heads/main")).isNotEqualTo(synced);
        String log = Files.readString(sessionDir.resolve("sync-log"));
        assertThat(log).matches("\\{\"time\":\"[^\"]+\",\"user\":\"alice\",\"event\":\"publish\",\"commit\":\""
                + synced.name() + "\",\"branch\":\"" + branch + "\",\"remote\":\"" + origin + "\"}\n");
        assertThat(Files.readString(sessionDir.resolve("activity-log")))
                .contains("\"user\":\"alice\",\"event\":\"publish\"");
        try (Stream<Path> left = Files.list(tmp.resolve("data/publish"))) {
            assertThat(left.toList()).as("scratch repositories are removed").isEmpty();
        }

        // Again with nothing new: still fine. Then a later commit fast-forwards.
        assertThat(publisher.publish("bob")).isInstanceOf(Publisher.Outcome.Published.class);
        ObjectId later = commit(canonical, ref, "a.txt", "more\n");
        assertThat(publisher.publish("bob")).isEqualTo(new Publisher.Outcome.Published(branch, later.name(), origin.toString()));
        assertThat(head(origin, ref)).isEqualTo(later);
    }

    @Test
    void whenTheOriginMovedIndependentlyNothingChanges() throws Exception {
        commit(canonical, ref, "a.txt", "one\n");
        Publisher publisher = publisher(source, ForgeCredentials.none());
        assertThat(publisher.publish("alice")).isInstanceOf(Publisher.Outcome.Published.class);
        ObjectId theirs = commit(origin, ref, "b.txt", "pushed by someone else\n");
        ObjectId ours = commit(canonical, ref, "a.txt", "two\n");

        Publisher.Outcome outcome = publisher.publish("alice");

        assertThat(outcome).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("non_fast_forward");
            assertThat(f.message()).contains("nothing was changed").contains(branch);
        });
        assertThat(head(origin, ref)).isEqualTo(theirs);
        assertThat(head(canonical, ref)).isEqualTo(ours);
        assertThat(Files.readString(sessionDir.resolve("sync-log")))
                .contains("\"user\":\"alice\",\"event\":\"publish-failed\",\"reason\":\"");
        assertThat(Files.readString(sessionDir.resolve("activity-log"))).contains("\"event\":\"publish-failed\"")
                .contains("non_fast_forward");
    }

    @Test
    void aMissingOriginIsReported() throws Exception {
        commit(canonical, ref, "a.txt", "one\n");
        // The objects canonical borrows go with it, so read the head before.
        ObjectId before = head(canonical, ref);
        Fs.deleteTree(origin);
        Publisher.Outcome outcome = publisher(source, ForgeCredentials.none()).publish("alice");
        assertThat(outcome).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("no_origin");
            assertThat(f.message()).contains(origin.toString()).contains("no longer there");
        });
        assertThat(head(canonical, ref)).isEqualTo(before);
        assertThat(publisher(null, ForgeCredentials.none()).publish("alice"))
                .isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> assertThat(f.error()).isEqualTo("no_origin"));
    }

    @Test
    void theRemoteInCanonicalsConfigIsNeverUsed() throws Exception {
        Path elsewhere = repos.resolve("elsewhere.git");
        Git.init().setBare(true).setDirectory(elsewhere.toFile()).call().close();
        try (Repository repo = open(canonical)) {
            StoredConfig config = repo.getConfig();
            config.setString("remote", "origin", "url", elsewhere.toString());
            config.setString("remote", "origin", "receivepack", "touch " + tmp.resolve("ran"));
            config.setString("url", elsewhere.toString(), "insteadOf", origin.toString());
            config.save();
        }
        ObjectId synced = commit(canonical, ref, "a.txt", "one\n");
        assertThat(publisher(source, ForgeCredentials.none()).publish("alice"))
                .isInstanceOf(Publisher.Outcome.Published.class);
        assertThat(head(origin, ref)).isEqualTo(synced);
        assertThat(head(elsewhere, ref)).isNull();
        assertThat(tmp.resolve("ran")).doesNotExist();
    }

    @Test
    void anAlteredObjectStoreIsNotPushed() throws Exception {
        commit(canonical, ref, "a.txt", "one\n");
        Publisher publisher = publisher(source, ForgeCredentials.none());
        Path alternates = canonical.resolve("objects/info/alternates");
        String original = Files.readString(alternates);
        Files.writeString(alternates, original + tmp.resolve("data/sessions/other/canonical/objects") + "\n");
        assertThat(publisher.publish("mallory")).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("rejected");
            assertThat(f.message()).contains("alternates");
        });
        Files.writeString(alternates, original);
        Files.createDirectories(canonical.resolve("objects/ab"));
        Files.createSymbolicLink(canonical.resolve("objects/ab/cdef0123456789abcdef0123456789abcdef01"),
                tmp.resolve("secret"));
        assertThat(publisher.publish("mallory")).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("rejected");
            assertThat(f.message()).contains("symbolic link");
        });
        assertThat(head(origin, ref)).isNull();
    }

    @Test
    void aMissingSessionBranchIsNotFound() throws Exception {
        try (Repository repo = open(canonical)) {
            RefUpdate u = repo.updateRef(ref);
            u.setForceUpdate(true);
            // HEAD points at the branch: detach it first so the branch can go.
            RefUpdate headUpdate = repo.updateRef(Constants.HEAD, true);
            headUpdate.setNewObjectId(repo.exactRef(ref).getObjectId());
            headUpdate.forceUpdate();
            assertThat(u.delete()).isEqualTo(RefUpdate.Result.FORCED);
        }
        assertThat(publisher(source, ForgeCredentials.none()).publish("alice"))
                .isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> assertThat(f.error()).isEqualTo("not_found"));
    }

    @Test
    void anUnreachableHttpsRemoteIsANetworkErrorAndNoCredentialIsShown() throws Exception {
        commit(canonical, ref, "a.txt", "one\n");
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        AtomicInteger asked = new AtomicInteger();
        ForgeCredentials credentials = () -> {
            asked.incrementAndGet();
            return Optional.of("forge-token-5e3c9d");
        };
        RepoSource https = new RepoSource("https://someone:url-secret-77@127.0.0.1:" + closedPort + "/acme/app.git", null);
        Publisher.Outcome outcome = publisher(https, credentials).publish("alice");
        assertThat(outcome).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("network");
            assertThat(f.message()).contains("https://127.0.0.1:" + closedPort + "/acme/app.git")
                    .doesNotContain("url-secret-77").doesNotContain("forge-token-5e3c9d");
        });
        assertThat(asked).hasValue(1);
        String logs = Files.readString(sessionDir.resolve("sync-log")) + Files.readString(sessionDir.resolve("activity-log"));
        assertThat(logs).doesNotContain("url-secret-77").doesNotContain("forge-token-5e3c9d");

        // The token goes only to the forge that issued it: another host is not even told there is one.
        assertThat(publisher(https, credentials, "github.com").publish("alice"))
                .isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> assertThat(f.error()).isEqualTo("network"));
        assertThat(publisher(https, credentials, null).publish("alice")).isInstanceOf(Publisher.Outcome.Failed.class);
        assertThat(asked).as("credentials asked for the issuing host only").hasValue(1);
    }

    @Test
    void credentialsAreRemovedFromRemotesShownToPeople() {
        assertThat(Publisher.withoutCredentials("https://u:p@github.com/acme/app.git")).isEqualTo("https://github.com/acme/app.git");
        assertThat(Publisher.withoutCredentials("https://github.com/acme/app.git")).isEqualTo("https://github.com/acme/app.git");
        assertThat(Publisher.withoutCredentials("/srv/repos/app")).isEqualTo("/srv/repos/app");
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    private static ObjectId head(Path gitDir, String name) throws IOException {
        try (Repository repo = open(gitDir)) {
            Ref r = repo.exactRef(name);
            return r == null ? null : r.getObjectId();
        }
    }

    /** A commit on {@code name} (after its current head) whose tree holds one file. */
    private static ObjectId commit(Path gitDir, String name, String file, String content) throws IOException {
        try (Repository repo = open(gitDir); ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId blob = ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            TreeFormatter tree = new TreeFormatter();
            tree.append(file, FileMode.REGULAR_FILE, blob);
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(ins.insert(tree));
            Ref head = repo.exactRef(name);
            if (head != null) {
                c.setParentId(head.getObjectId());
            }
            PersonIdent who = new PersonIdent("t", "t@example.com");
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage("change " + file);
            ObjectId id = ins.insert(c);
            ins.flush();
            RefUpdate u = repo.updateRef(name);
            u.setNewObjectId(id);
            u.setForceUpdate(true);
            RefUpdate.Result r = u.update();
            assertThat(r).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.FORCED);
            return id;
        }
    }
}
