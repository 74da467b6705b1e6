package io.steadystate.auth.internal.provider;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.DeviceAuthorization;
import io.steadystate.api.spi.DevicePollResult;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs in as the server's own operating-system user with no outside service: every code it hands
 * out is approved at the first poll. Only for a developer's own machine.
 */
final class DevProvider implements AuthProvider {

    private static final Duration EXPIRES_IN = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 1_000;
    static final URI VERIFICATION_URI = URI.create("urn:steadystate:dev-auth");

    private final Identity identity;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    DevProvider(Identity identity) {
        this.identity = identity;
    }

    @Override
    public String name() {
        return "dev";
    }

    @Override
    public DeviceAuthorization start() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String deviceCode = "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String userCode = "DEV-" + Integer.toHexString(random.nextInt(0x10000, 0x100000)).toUpperCase(Locale.ROOT);
        Instant now = Instant.now();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(expiry -> expiry.isBefore(now));
        }
        pending.put(deviceCode, now.plus(EXPIRES_IN));
        return new DeviceAuthorization(deviceCode, userCode, VERIFICATION_URI, EXPIRES_IN, Duration.ZERO);
    }

    @Override
    public DevicePollResult poll(String deviceCode) throws AuthProviderException {
        Instant expiry = deviceCode == null ? null : pending.remove(deviceCode);
        if (expiry == null) {
            throw new AuthProviderException("the dev provider did not issue this device code, or it was used already");
        }
        if (expiry.isBefore(Instant.now())) {
            return new DevicePollResult.Expired();
        }
        // There is no forge behind this provider, hence no forge access token.
        return new DevicePollResult.Approved(identity, null);
    }
}
