package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.SessionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLogEventsTest {

    @TempDir
    Path dir;

    private void append(String log, String line) throws Exception {
        Files.writeString(dir.resolve(log), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void readsBothLogsIntoNumberedEventsAndThenOnlyWhatWasAppended() throws Exception {
        append("activity-log", "{\"time\":\"2026-01-01T10:00:00Z\",\"user\":\"alice\",\"event\":\"provisioned\",\"details\":\"ssh port 1\"}\n"
                + "{\"time\":\"2026-01-01T10:00:01Z\",\"user\":\"bob\",\"event\":\"connect\",\"details\":\"from x\"}\n");
        append("sync-log", "{\"time\":\"2026-01-01T10:00:02Z\",\"user\":\"bob\",\"event\":\"sync\",\"commit\":\"abc\","
                + "\"pushed\":2,\"pulled\":1,\"conflicts\":[\"VERSION\"],\"files\":[\"a\",\"VERSION\"]}\n");
        SessionLogEvents logs = new SessionLogEvents();

        List<SessionEvent> all = logs.after(new SessionLayout(dir), 0);

        assertThat(all).extracting(SessionEvent::sequence).containsExactly(1L, 2L, 3L);
        SessionEvent.Synced sync = (SessionEvent.Synced) all.get(0);
        assertThat(sync.user()).isEqualTo("bob");
        assertThat(sync.conflicts()).containsExactly("VERSION");
        assertThat(sync.pushed()).isEqualTo(2);
        assertThat(all.get(1)).isInstanceOf(SessionEvent.Activity.class);
        assertThat(all.get(2)).isEqualTo(new SessionEvent.Connected(3, java.time.Instant.parse("2026-01-01T10:00:01Z"), "bob"));
        assertThat(logs.after(new SessionLayout(dir), 3)).isEmpty();

        append("activity-log", "{\"time\":\"2026-01-01T10:00:03Z\",\"user\":\"bob\",\"event\":\"disconnect\"}\n");
        assertThat(logs.after(new SessionLayout(dir), 3)).singleElement().isInstanceOf(SessionEvent.Disconnected.class)
                .extracting(SessionEvent::sequence).isEqualTo(4L);
        assertThat(logs.after(new SessionLayout(dir), 2)).hasSize(2);
    }

    @Test
    void aLineStillBeingWrittenWaitsAndBrokenLinesAndPublishRepeatsAreSkipped() throws Exception {
        append("sync-log", "{\"time\":\"2026-01-01T10:00:00Z\",\"user\":\"alice\",\"event\":\"publish\",\"branch\":\"b\","
                + "\"commit\":\"c\",\"remote\":\"r\"}\nnot json\n{\"event\":\"sync\"}\n{\"time\":\"2026-01-01T10:00:05Z\",\"us");
        append("activity-log", "{\"time\":\"2026-01-01T10:00:00Z\",\"user\":\"alice\",\"event\":\"publish\",\"details\":\"pushed\"}\n");
        SessionLogEvents logs = new SessionLogEvents();

        assertThat(logs.after(new SessionLayout(dir), 0)).singleElement().isInstanceOf(SessionEvent.Published.class);

        append("sync-log", "er\":\"carol\",\"event\":\"publish-failed\",\"reason\":\"auth\"}\n");
        assertThat(logs.after(new SessionLayout(dir), 1)).singleElement().isEqualTo(
                new SessionEvent.PublishFailed(2, java.time.Instant.parse("2026-01-01T10:00:05Z"), "carol", "auth"));
    }

    @Test
    void aFolderThatIsGoneHasNoEvents() throws Exception {
        assertThat(new SessionLogEvents().after(new SessionLayout(dir.resolve("gone")), 0)).isEmpty();
    }
}
