package io.steadystate.compute.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens that prove who runs a command inside a session. Every user of a session runs as the same
 * OS user, so a process cannot show who it belongs to by itself; the SSH server knows (the key that
 * logged in) and hands each connection's processes a random token that stands for that login.
 *
 * <p>Only SHA-256 hashes of the tokens are kept here, mapped to logins: this table alone lets no one
 * act as anybody. Tokens are 256 random bits, base64url without padding; never logged.
 */
final class ConnectionTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, String> loginByHash = new ConcurrentHashMap<>();

    /** A new token that stands for {@code login} until {@link #revoke revoked}. */
    String mint(String login) {
        Objects.requireNonNull(login, "login");
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = B64.encodeToString(bytes);
        loginByHash.put(hash(token), login);
        return token;
    }

    /** The login {@code token} stands for; empty for unknown, revoked, missing or malformed tokens. */
    Optional<String> login(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        return Optional.ofNullable(loginByHash.get(hash(token)));
    }

    /** Forgets {@code token}; unknown tokens and null are ignored. */
    void revoke(String token) {
        if (token != null) {
            loginByHash.remove(hash(token));
        }
    }

    /** Forgets every token (the session ends). */
    void clear() {
        loginByHash.clear();
    }

    /** How many tokens are valid now. */
    int size() {
        return loginByHash.size();
    }

    private static String hash(String token) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
