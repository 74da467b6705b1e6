package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void readsAnActivityLine() {
        assertThat(LogLines.activity(Logs.activity("2025-03-14T11:55:00Z", "alice", "connect", "from /127.0.0.1:5555")))
                .contains(new ActivityEvent(Instant.parse("2025-03-14T11:55:00Z"), "alice", "connect",
                        "from /127.0.0.1:5555"));
        assertThat(LogLines.activity("{\"time\":\"2025-03-14T11:55:00.123456Z\",\"user\":null,\"event\":\"terminate\"}"))
                .contains(new ActivityEvent(Instant.parse("2025-03-14T11:55:00.123456Z"), null, "terminate", null));
    }

    @Test
    void readsSyncAndPublishLines() {
        assertThat(LogLines.sync(Logs.sync("2025-03-14T11:50:00Z", "alice", "1a2b3c4d", 2, 1, List.of("a.txt"))))
                .contains(new SyncEvent(Instant.parse("2025-03-14T11:50:00Z"), "alice", "sync", "1a2b3c4d",
                        "0000000000000000000000000000000000000000", 2, 1, List.of("a.txt"), List.of("src/App.java"),
                        null, null, null));
        assertThat(LogLines.sync("{\"time\":\"2025-03-14T11:50:00Z\",\"user\":\"bob\",\"event\":\"publish-failed\","
                + "\"reason\":\"rejected\"}"))
                .hasValueSatisfying(e -> {
                    assertThat(e.event()).isEqualTo("publish-failed");
                    assertThat(e.reason()).isEqualTo("rejected");
                    assertThat(e.conflicts()).isEmpty();
                    assertThat(e.pushed()).isNull();
                });
    }

    @Test
    void fieldsOfTheWrongTypeCountAsAbsentRatherThanLosingTheLine() {
        assertThat(LogLines.sync("{\"time\":\"2025-03-14T11:50:00Z\",\"event\":\"sync\",\"pushed\":\"two\","
                + "\"pulled\":1.5,\"conflicts\":\"a\",\"files\":[1,\"b\"],\"user\":7}"))
                .hasValueSatisfying(e -> {
                    assertThat(e.pushed()).isNull();
                    assertThat(e.pulled()).isNull();
                    assertThat(e.conflicts()).isEmpty();
                    assertThat(e.files()).containsExactly("b");
                    assertThat(e.user()).isNull();
                });
    }

    @Test
    void malformedLinesAreUnreadable() {
        for (String line : List.of("not json", "[1,2]", "\"text\"", "{\"time\":\"2025-03-14T11:50:00Z\"",
                "{\"event\":\"connect\"}", "{\"time\":\"yesterday\",\"event\":\"connect\"}",
                "{\"time\":\"2025-03-14T11:50:00Z\",\"event\":\"\"}", "{\"time\":5,\"event\":\"connect\"}", "null")) {
            assertThat(LogLines.activity(line)).as(line).isEmpty();
            assertThat(LogLines.sync(line)).as(line).isEmpty();
        }
    }
}
