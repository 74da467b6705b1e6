package io.steadystate.server.internal.sessions;

import static io.steadystate.server.internal.sessions.SessionApi.json;
import static io.steadystate.server.internal.sessions.SessionApi.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionMode;
import io.steadystate.server.testplugin.FakeComputeProviderFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session routes on the real server, in-process on a loopback port, with compute providers loaded as a plugin. */
class SessionRoutesTest {

    private static final String ALICE = token("github", "1", "alice");
    private static final String BOB = token("github", "2", "Bob");
    private static final String CAROL = token("github", "3", "carol");
    private static final String MALLORY = token("github", "4", "mallory");
    /** Same login as an allowed user, but proved by another provider: not that GitHub user. */
    private static final String DEV_BOB = token("dev", "bob", "bob");

    @TempDir
    Path tmp;
    private Path roots;
    private SessionApi api;

    @BeforeEach
    void start() throws Exception {
        roots = Files.createDirectories(tmp.resolve("repos"));
        api = SessionApi.start(tmp.resolve("data"), PluginLayer.load(tmp.resolve("plugins")),
                Map.of("STEADYSTATE_ALLOWED_REPO_ROOTS", roots.toString(), "STEADYSTATE_SSH_USER", "steady"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aSessionIsProvisionedInTheBackgroundAndRunsWithAMagicLink() throws Exception {
        HttpResponse<String> created = api.post(ALICE, "/sessions", """
                {"repo_url":"https://github.com/acme/app.git","branch":"feature/login","mode":"pair",
                 "allowed_users":["Bob","alice"],"viewers":["carol"],"provider":"fake"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode info = json(created);
        assertThat(info.get("state").asText()).isEqualTo("Provisioning");
        assertThat(info.has("magic_link")).isTrue();
        assertThat(info.get("magic_link").isNull()).isTrue();
        assertThat(info.get("endpoint").isNull()).isTrue();
        assertThat(info.get("mode").asText()).isEqualTo("pair");
        assertThat(info.get("creator").asText()).isEqualTo("alice");
        assertThat(info.get("allowed_users")).extracting(JsonNode::asText).containsExactly("Bob");
        assertThat(info.get("viewers")).extracting(JsonNode::asText).containsExactly("carol");
        assertThat(info.get("compute_provider").asText()).isEqualTo("fake");
        assertThat(info.get("branch").asText()).isEqualTo("feature/login");
        Instant createdAt = Instant.parse(info.get("created_at").asText());
        String id = info.get("id").asText();

        JsonNode running = api.await(ALICE, "/sessions/" + id, n -> !n.get("state").asText().equals("Provisioning"));
        assertThat(running.get("state").asText()).as(running.toString()).isEqualTo("Running");
        MagicLink link = MagicLink.parse(running.get("magic_link").asText());
        assertThat(link.id().value()).isEqualTo(id);
        assertThat(link.mode()).isEqualTo(SessionMode.PAIR);
        assertThat(link.sshUser()).isEqualTo("steady");
        assertThat(running.get("endpoint").asText()).isEqualTo("steady@127.0.0.1:2222");
        assertThat(running.get("host_public_key").asText()).isEqualTo(FakeComputeProviderFactory.HOST_KEY);
        assertThat(running.get("message").isNull()).isTrue();
        assertThat(Instant.parse(running.get("updated_at").asText())).isAfterOrEqualTo(createdAt);
    }

    @Test
    void onlyTheCreatorAllowedUsersAndViewersSeeASession() throws Exception {
        String id = create(ALICE, "fake");
        HttpResponse<String> alone = api.post(MALLORY, "/sessions",
                "{\"repo_url\":\"https://example.com/m.git\",\"mode\":\"collab\",\"provider\":\"fake\"}");
        assertThat(alone.statusCode()).as(alone.body()).isEqualTo(202);
        String mine = json(alone).get("id").asText();
        for (String who : List.of(ALICE, BOB, CAROL)) {
            HttpResponse<String> r = api.get(who, "/sessions/" + id);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ids(api.get(who, "/sessions"))).containsExactly(id);
        }
        for (String who : List.of(MALLORY, DEV_BOB)) {
            HttpResponse<String> r = api.get(who, "/sessions/" + id);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            assertThat(json(r).get("error").asText()).isEqualTo("not_found");
        }
        assertThat(ids(api.get(MALLORY, "/sessions"))).containsExactly(mine);
        assertThat(ids(api.get(DEV_BOB, "/sessions"))).isEmpty();
        // Unknown and malformed ids look exactly like hidden ones.
        HttpResponse<String> unknown = api.get(ALICE, "/sessions/zzzzzzzzzzzzzzzz");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(api.get(MALLORY, "/sessions/" + id).body());
        assertThat(api.get(ALICE, "/sessions/..%2F..%2Fetc").statusCode()).isEqualTo(404);
        assertThat(api.get(null, "/sessions/" + id).statusCode()).isEqualTo(401);
        assertThat(api.get("not.a.token", "/sessions").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheCreatorTerminatesASession() throws Exception {
        String id = create(ALICE, "fake");
        api.await(ALICE, "/sessions/" + id, n -> n.get("state").asText().equals("Running"));

        HttpResponse<String> byBob = api.delete(BOB, "/sessions/" + id);
        assertThat(byBob.statusCode()).as(byBob.body()).isEqualTo(403);
        assertThat(json(byBob).get("message").asText()).contains("creator");
        assertThat(api.delete(CAROL, "/sessions/" + id).statusCode()).isEqualTo(403);
        assertThat(api.delete(MALLORY, "/sessions/" + id).statusCode()).isEqualTo(404);
        assertThat(api.delete(ALICE, "/sessions/zzzzzzzzzzzzzzzz").statusCode()).isEqualTo(404);

        HttpResponse<String> byAlice = api.delete(ALICE, "/sessions/" + id);
        assertThat(byAlice.statusCode()).as(byAlice.body()).isEqualTo(202);
        assertThat(json(byAlice).get("state").asText()).isIn("Terminating", "Terminated");
        JsonNode done = api.await(BOB, "/sessions/" + id, n -> n.get("state").asText().equals("Terminated"));
        assertThat(done.get("id").asText()).isEqualTo(id);
        // Terminating again is harmless.
        assertThat(api.delete(ALICE, "/sessions/" + id).statusCode()).isEqualTo(202);
        assertThat(json(api.get(ALICE, "/sessions/" + id)).get("state").asText()).isEqualTo("Terminated");
    }

    @Test
    void terminatingWhileProvisioningTearsDownWhatProvisioningMade() throws Exception {
        String id = create(ALICE, "fake");
        HttpResponse<String> r = api.delete(ALICE, "/sessions/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode done = api.await(ALICE, "/sessions/" + id, n -> n.get("state").asText().equals("Terminated"));
        assertThat(done.get("state").asText()).isEqualTo("Terminated");
    }

    @Test
    void aProviderThatFailsLeavesTheSessionFailedWithItsReason() throws Exception {
        String id = create(ALICE, "failing");
        JsonNode failed = api.await(ALICE, "/sessions/" + id, n -> !n.get("state").asText().equals("Provisioning"));
        assertThat(failed.get("state").asText()).isEqualTo("Failed");
        assertThat(failed.get("message").asText()).isEqualTo(FakeComputeProviderFactory.FAILURE);
        assertThat(failed.get("magic_link").isNull()).isTrue();
    }

    @Test
    void aLocalRepositoryUnderAnAllowedRootIsAcceptedByItsCanonicalPath() throws Exception {
        Path repo = Files.createDirectories(roots.resolve("app"));
        Path viaLink = Files.createSymbolicLink(roots.resolve("app-link"), repo);
        for (String url : List.of(repo.toString(), repo.toUri().toString(), viaLink.toString())) {
            HttpResponse<String> r = api.post(ALICE, "/sessions",
                    "{\"repo_url\":\"" + url + "\",\"mode\":\"collab\",\"provider\":\"fake\"}");
            assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(202);
            assertThat(json(r).get("repo_url").asText()).isEqualTo(repo.toRealPath().toString());
        }
    }

    @Test
    void everyBadInputIsRefusedWithAClearMessage() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere/secret"));
        Files.createDirectories(roots.resolve("app"));
        Path linkOut = Files.createSymbolicLink(roots.resolve("escape"), outside);
        String ok = "\"mode\":\"collab\",\"provider\":\"fake\"";
        List<String[]> cases = List.of(
                new String[] {"{\"repo_url\":\"ftp://example.com/r.git\"," + ok + "}", "repo_url must be"},
                new String[] {"{\"repo_url\":\"http://example.com/r.git\"," + ok + "}", "repo_url must be"},
                new String[] {"{\"repo_url\":\"--upload-pack=touch /tmp/x\"," + ok + "}", "must not start with '-'"},
                new String[] {"{\"repo_url\":\"ssh://-oProxyCommand=x/r.git\"," + ok + "}", "host"},
                new String[] {"{\"repo_url\":\"git@github.com:-x/r.git\"," + ok + "}", "must not start with '-'"},
                new String[] {"{\"repo_url\":\"https://user:pw@example.com/r.git\"," + ok + "}", "credentials"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"branch\":\"-u\"," + ok + "}", "must not start with '-'"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"branch\":\"a..b\"," + ok + "}", "'..'"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"branch\":\"a b\"," + ok + "}", "spaces"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"branch\":\"x.lock\"," + ok + "}", ".lock"},
                new String[] {"{\"repo_url\":\"" + outside + "\"," + ok + "}", "is not under any folder in STEADYSTATE_ALLOWED_REPO_ROOTS"},
                new String[] {"{\"repo_url\":\"" + roots + "/app/../../elsewhere/secret\"," + ok + "}", "'..'"},
                new String[] {"{\"repo_url\":\"" + linkOut + "\"," + ok + "}", "is not under any folder"},
                new String[] {"{\"repo_url\":\"file://" + outside + "\"," + ok + "}", "is not under any folder"},
                new String[] {"{\"repo_url\":\"relative/path\"," + ok + "}", "repo_url must be"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"allowed_users\":[\"-bob\"]," + ok + "}", "no GitHub login"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"viewers\":[\"bob smith\"]," + ok + "}", "no GitHub login"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"allowed_users\":[\"bob\"],\"viewers\":[\"BOB\"]," + ok + "}", "both"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"mode\":\"collab\",\"provider\":\"nosuch\"}",
                        "'nosuch' is not installed on this server; installed: "},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"provider\":\"fake\"}", "mode is required: collab or pair"},
                new String[] {"{\"repo_url\":\"https://github.com/a/b.git\",\"mode\":\"solo\",\"provider\":\"fake\"}", "collab or pair"},
                new String[] {"{\"mode\":\"collab\",\"provider\":\"fake\"}", "repo_url is required"});
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases) {
            HttpResponse<String> r = api.post(ALICE, "/sessions", c[0]);
            String message = r.statusCode() == 400 ? json(r).get("message").asText() : "";
            if (r.statusCode() != 400 || !message.contains(c[1])) {
                wrong.add(c[0] + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ids(api.get(ALICE, "/sessions"))).isEmpty();
        assertThat(api.post(null, "/sessions", "{}").statusCode()).isEqualTo(401);
    }

    private String create(String token, String provider) throws Exception {
        HttpResponse<String> r = api.post(token, "/sessions", "{\"repo_url\":\"git@github.com:acme/app.git\",\"mode\":\"collab\","
                + "\"allowed_users\":[\"bob\"],\"viewers\":[\"carol\"],\"provider\":\"" + provider + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("id").asText();
    }

    private static List<String> ids(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(r).forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
