package io.steadystate.server.internal.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A device-flow login in progress.
 *
 * @param provider           the identity provider's name
 * @param providerDeviceCode the provider's device code, needed to poll it; never printed by {@link #toString()}
 * @param userCode           the code the person types at the provider
 * @param verificationUri    where the person types it
 * @param expiresAt          when the provider forgets the flow
 * @param intervalSeconds    the least time between polls, as the provider asks (raised on {@code slow_down})
 * @param nextPollAt         the earliest time of the next poll of the provider
 * @param createdAt          when the flow started
 */
public record DeviceFlow(String provider, String providerDeviceCode, String userCode, String verificationUri,
        Instant expiresAt, int intervalSeconds, Instant nextPollAt, Instant createdAt) {

    public DeviceFlow {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerDeviceCode, "providerDeviceCode");
        Objects.requireNonNull(userCode, "userCode");
        Objects.requireNonNull(verificationUri, "verificationUri");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(nextPollAt, "nextPollAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (intervalSeconds < 0) {
            throw new IllegalArgumentException("intervalSeconds must not be negative");
        }
    }

    @Override
    public String toString() {
        return "DeviceFlow[provider=" + provider + ", userCode=" + userCode + ", verificationUri=" + verificationUri
                + ", expiresAt=" + expiresAt + ", intervalSeconds=" + intervalSeconds + ", nextPollAt=" + nextPollAt
                + ", createdAt=" + createdAt + "]";
    }
}
