package io.steadystate.api.spi;

import io.steadystate.api.Identity;
import java.time.Duration;
import java.util.Objects;

/** The answer to one poll of a device flow. */
public sealed interface DevicePollResult {

    /** The user has not answered yet ({@code authorization_pending}). */
    record Pending() implements DevicePollResult {
    }

    /** Poll less often: wait {@code interval} between polls from now on ({@code slow_down}). */
    record SlowDown(Duration interval) implements DevicePollResult {
        public SlowDown {
            Objects.requireNonNull(interval, "interval");
        }
    }

    /**
     * The user approved.
     *
     * @param identity    who they are
     * @param accessToken the provider's access token (a forge token); stays on the server, never sent to clients
     */
    record Approved(Identity identity, String accessToken) implements DevicePollResult {
        public Approved {
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public String toString() {
            return "Approved[" + identity + "]";
        }
    }

    /** The user refused ({@code access_denied}). */
    record Denied() implements DevicePollResult {
    }

    /** The codes expired before the user answered ({@code expired_token}). */
    record Expired() implements DevicePollResult {
    }
}
