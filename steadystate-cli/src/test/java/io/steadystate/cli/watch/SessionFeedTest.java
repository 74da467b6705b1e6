package io.steadystate.cli.watch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFeedTest {

    @TempDir
    Path dir;

    private void append(String log, String text) throws IOException {
        Files.writeString(dir.resolve(log), text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void followsBothLogsAsTheyGrow() throws IOException {
        append("activity-log", Logs.activity("2025-03-14T10:00:00Z", "alice", "connect", "x") + "\n");
        append("sync-log", "");
        SessionFeed feed = new SessionFeed(dir, Logs.INFO);
        assertThat(feed.poll()).isTrue();
        assertThat(feed.model().connected()).extracting(Presence::user).containsExactly("alice");
        assertThat(feed.poll()).isFalse();

        append("sync-log", Logs.sync("2025-03-14T10:01:00Z", "alice", "abc", 1, 0, List.of()) + "\n");
        append("activity-log", Logs.activity("2025-03-14T10:02:00Z", "alice", "disconnect", "x") + "\nnot json\n");
        assertThat(feed.poll()).isTrue();
        assertThat(feed.model().syncs()).hasSize(1);
        assertThat(feed.model().connected()).isEmpty();
        assertThat(feed.model().unreadableActivity()).isEqualTo(1);
    }

    @Test
    void aTruncatedActivityLogIsCountedAgainFromScratch() throws IOException {
        append("activity-log", Logs.activity("2025-03-14T10:00:00Z", "alice", "connect", "x") + "\n"
                + Logs.activity("2025-03-14T10:00:01Z", "bob", "connect", "x") + "\n");
        SessionFeed feed = new SessionFeed(dir, Logs.INFO);
        feed.poll();
        Files.writeString(dir.resolve("activity-log"), Logs.activity("2025-03-14T11:00:00Z", "carol", "connect", "x") + "\n");
        feed.poll();
        assertThat(feed.model().connected()).extracting(Presence::user).containsExactly("carol");
        assertThat(feed.model().activity()).hasSize(1);
    }

    @Test
    void missingLogsAreNotedAndAnUnfinishedLastLineIsTakenOnlyWhenAsked() throws IOException {
        append("activity-log", Logs.activity("2025-03-14T10:00:00Z", "alice", "connect", "x"));
        SessionFeed feed = new SessionFeed(dir, Logs.INFO);
        feed.poll();
        assertThat(feed.model().syncLogMissing()).isTrue();
        assertThat(feed.model().activityLogMissing()).isFalse();
        assertThat(feed.model().activity()).isEmpty();
        feed.takePendingLines();
        assertThat(feed.model().activity()).hasSize(1);
        assertThat(feed.model().unreadableActivity()).isZero();
    }

    @Test
    void anUnfinishedLineThatIsNotAnEntryYetIsLeftOutQuietly() throws IOException {
        append("activity-log", "{\"time\":\"2025-03");
        SessionFeed feed = new SessionFeed(dir, Logs.INFO);
        feed.poll();
        feed.takePendingLines();
        assertThat(feed.model().activity()).isEmpty();
        assertThat(feed.model().unreadableActivity()).isZero();
    }
}
