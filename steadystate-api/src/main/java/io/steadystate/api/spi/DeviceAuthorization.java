package io.steadystate.api.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The start of a device flow (RFC 8628, section 3.2).
 *
 * @param deviceCode      the secret the client polls with
 * @param userCode        what the user types at {@code verificationUri}
 * @param verificationUri where the user approves
 * @param expiresIn       how long the codes stay valid
 * @param interval        how long to wait between polls
 */
public record DeviceAuthorization(String deviceCode, String userCode, URI verificationUri, Duration expiresIn,
        Duration interval) {

    public DeviceAuthorization {
        Objects.requireNonNull(deviceCode, "deviceCode");
        Objects.requireNonNull(userCode, "userCode");
        Objects.requireNonNull(verificationUri, "verificationUri");
        if (expiresIn == null || expiresIn.isNegative() || expiresIn.isZero()) {
            throw new IllegalArgumentException("expiresIn must be positive");
        }
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
    }
}
