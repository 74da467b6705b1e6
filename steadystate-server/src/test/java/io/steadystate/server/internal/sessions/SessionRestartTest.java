package io.steadystate.server.internal.sessions;

import static io.steadystate.server.internal.sessions.SessionApi.json;
import static io.steadystate.server.internal.sessions.SessionApi.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted server on the same data dir never reports a session whose processes are gone as running. */
class SessionRestartTest {

    private static final String ALICE = token("github", "1", "alice");

    @Test
    void sessionsThatCannotBeBroughtBackAfterARestartAreMarkedFailed(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        String running;
        String ended;
        try (SessionApi first = SessionApi.start(data, PluginLayer.load(tmp.resolve("plugins-1")), Map.of())) {
            running = create(first);
            ended = create(first);
            first.await(ALICE, "/sessions/" + running, n -> n.get("state").asText().equals("Running"));
            first.await(ALICE, "/sessions/" + ended, n -> n.get("state").asText().equals("Running"));
            assertThat(first.delete(ALICE, "/sessions/" + ended).statusCode()).isEqualTo(202);
            first.await(ALICE, "/sessions/" + ended, n -> n.get("state").asText().equals("Terminated"));
        }
        // A new process: the fake provider's sessions lived in the memory of the old one.
        try (SessionApi second = SessionApi.start(data, PluginLayer.load(tmp.resolve("plugins-2")), Map.of())) {
            // The server tries to bring it back; the fake provider cannot, so it fails, saying why.
            second.await(ALICE, "/sessions/" + running, n -> n.get("state").asText().equals("Failed"));
            JsonNode lost = json(second.get(ALICE, "/sessions/" + running));
            assertThat(lost.get("message").asText()).startsWith(SessionService.LOST_MESSAGE)
                    .contains("cannot bring sessions back");
            assertThat(lost.get("magic_link").asText()).startsWith("steadystate://collab/" + running);
            assertThat(json(second.get(ALICE, "/sessions/" + ended)).get("state").asText()).isEqualTo("Terminated");
        }
        // Without the provider installed at all, the session cannot be running either.
        try (SessionApi third = SessionApi.start(data, ClassLoader.getSystemClassLoader(), Map.of())) {
            HttpResponse<String> r = third.get(ALICE, "/sessions");
            assertThat(r.statusCode()).isEqualTo(200);
            json(r).forEach(n -> assertThat(n.get("state").asText()).isIn("Failed", "Terminated"));
        }
    }

    @Test
    void aProviderMissingAfterARestartFailsItsSessions(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        String id;
        try (SessionApi first = SessionApi.start(data, PluginLayer.load(tmp.resolve("plugins")), Map.of())) {
            id = create(first);
            first.await(ALICE, "/sessions/" + id, n -> n.get("state").asText().equals("Running"));
        }
        try (SessionApi second = SessionApi.start(data, ClassLoader.getSystemClassLoader(), Map.of())) {
            JsonNode lost = json(second.get(ALICE, "/sessions/" + id));
            assertThat(lost.get("state").asText()).isEqualTo("Failed");
            assertThat(lost.get("message").asText()).startsWith(SessionService.LOST_MESSAGE)
                    .contains("'fake' is not installed");
        }
    }

    private static String create(SessionApi api) throws Exception {
        HttpResponse<String> r = api.post(ALICE, "/sessions",
                "{\"repo_url\":\"https://github.com/acme/app.git\",\"mode\":\"collab\",\"provider\":\"fake\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("id").asText();
    }
}
