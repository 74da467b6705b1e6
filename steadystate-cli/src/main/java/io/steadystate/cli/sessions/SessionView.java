package io.steadystate.cli.sessions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A session as the server describes it ({@code SessionInfo} on the wire, snake_case). Every field may be
 * missing; fields this CLI does not know are ignored, so a newer server does not break it.
 *
 * @param state     {@code Provisioning}, {@code Running}, {@code Failed}, {@code Terminating} or {@code Terminated}
 * @param magicLink the link collaborators join with; null until the session runs
 * @param message   why the session failed, or another note for people
 * @param createdAt ISO-8601 instant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionView(String id, String state, String mode, String repoUrl, String branch, String creator,
        List<String> allowedUsers, List<String> viewers, String computeProvider, String endpoint, String magicLink,
        String hostPublicKey, String message, String createdAt, String updatedAt) {

    public static final String PROVISIONING = "Provisioning";
    public static final String RUNNING = "Running";
    public static final String FAILED = "Failed";
    public static final String TERMINATING = "Terminating";
    public static final String TERMINATED = "Terminated";

    public SessionView {
        allowedUsers = allowedUsers == null ? List.of() : List.copyOf(allowedUsers);
        viewers = viewers == null ? List.of() : List.copyOf(viewers);
    }

    /** When the session was created, if the server said so in a form this CLI reads. */
    public Optional<Instant> created() {
        return instant(createdAt);
    }

    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
