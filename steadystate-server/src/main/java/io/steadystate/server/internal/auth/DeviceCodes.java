package io.steadystate.server.internal.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Device codes the server hands to clients: 256 random bits, so that they can also serve as keys. */
final class DeviceCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCodes() {
    }

    static String newCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
