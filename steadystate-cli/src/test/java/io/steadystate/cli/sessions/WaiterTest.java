package io.steadystate.cli.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The polling loop of {@code up --wait} on its own, with a clock that moves only when it sleeps. */
class WaiterTest {

    private static final String ID = "abcdefgh12345678";

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final StringWriter progress = new StringWriter();

    private static JsonNode state(String state) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", ID).put("state", state).put("future_field", 1);
        return n;
    }

    private Waiter waiter(Deque<JsonNode> answers, Duration timeout) {
        return new Waiter(id -> {
            assertThat(id).isEqualTo(ID);
            return answers.removeFirst();
        }, d -> {
            sleeps.add(d);
            nanos.addAndGet(d.toNanos());
        }, nanos::get, Duration.ofSeconds(1), timeout, new PrintWriter(progress, true));
    }

    @Test
    void pollsEverySecondUntilRunning() {
        Deque<JsonNode> answers = new ArrayDeque<>(List.of(state("Provisioning"), state("Provisioning"), state("Running")));
        JsonNode last = waiter(answers, Duration.ofSeconds(300)).await(ID, state("Provisioning"));
        assertThat(last.get("state").asText()).isEqualTo("Running");
        assertThat(last.get("future_field").asInt()).isEqualTo(1);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(progress.toString()).isEqualTo("Provisioning... 0s\n");
        assertThat(answers).isEmpty();
    }

    @Test
    void stopsAtFailedAndReportsEveryFiveSeconds() {
        Deque<JsonNode> answers = new ArrayDeque<>();
        for (int i = 0; i < 11; i++) {
            answers.add(state("Provisioning"));
        }
        answers.add(state("Failed"));
        JsonNode last = waiter(answers, Duration.ofSeconds(300)).await(ID, state("Provisioning"));
        assertThat(last.get("state").asText()).isEqualTo("Failed");
        assertThat(progress.toString()).isEqualTo("Provisioning... 0s\nProvisioning... 5s\nProvisioning... 10s\n");
    }

    @Test
    void aSessionAlreadyRunningIsNotPolled() {
        assertThat(waiter(new ArrayDeque<>(), Duration.ofSeconds(5)).await(ID, state("Running")).get("state").asText())
                .isEqualTo("Running");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void givesUpAfterTheTimeout() {
        Deque<JsonNode> answers = new ArrayDeque<>();
        for (int i = 0; i < 10; i++) {
            answers.add(state("Provisioning"));
        }
        assertThatThrownBy(() -> waiter(answers, Duration.ofMillis(2500)).await(ID, state("Provisioning")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageStartingWith("session " + ID + " is still Provisioning after 2 s");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
    }
}
