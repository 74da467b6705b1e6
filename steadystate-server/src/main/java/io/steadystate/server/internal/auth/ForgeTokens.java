package io.steadystate.server.internal.auth;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.ForgeCredentials;
import io.steadystate.server.internal.store.UserStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Users' forge access tokens at rest: the latest token each user's identity provider handed out at
 * login, sealed with AES-256-GCM under the key in {@code <data dir>/forge-token.key} and kept in the
 * users table. The server unseals one only to push for its owner (publishing a session they created).
 *
 * <p>The sealed form is bound to its user (the principal is the associated data), so a sealed token
 * copied to another user's row does not open. Tokens are never logged and never returned by a route.
 */
public final class ForgeTokens {

    private static final System.Logger LOG = System.getLogger("io.steadystate.server.auth");
    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private final UserStore users;
    private volatile SecretKey key;

    /** Tokens of {@code users}, sealed under the key file in {@code dataDir}. */
    public ForgeTokens(Path dataDir, UserStore users) {
        this.keyFile = dataDir.resolve(ForgeTokenKey.FILE_NAME);
        this.users = Objects.requireNonNull(users, "users");
    }

    /** For start-up: fails when a key file exists that group or others may read, or that holds no key. */
    public void checkKeyFile() throws IOException {
        ForgeTokenKey.load(keyFile);
    }

    /**
     * Keeps {@code token} as the user's forge token (the user must be stored already). Null or blank tokens
     * change nothing. A failure is logged, not thrown: a login goes on without it.
     */
    public void save(Identity identity, String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        try {
            String sealed = seal(key(true), identity.principal(), token);
            if (!users.setSealedForgeToken(identity.principal(), sealed)) {
                LOG.log(Level.WARNING, "no user " + identity + " to keep a forge token for");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep the forge token of " + identity + ": " + e.getMessage());
        }
    }

    /** The user's forge token, unsealed now; empty when none is kept or it does not open with this key. */
    public Optional<String> find(String principal) {
        Optional<String> sealed = users.sealedForgeToken(principal);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            SecretKey k = key(false);
            if (k == null) {
                LOG.log(Level.WARNING, "a forge token is stored for " + principal + " but " + keyFile
                        + " is missing; the user must log in again");
                return Optional.empty();
            }
            return Optional.of(open(k, principal, sealed.get()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "the forge token stored for " + principal + " does not open with " + keyFile
                    + " (was the key replaced?); the user must log in again");
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Credentials that unseal the user's token each time they are asked. */
    public ForgeCredentials credentials(String principal) {
        Objects.requireNonNull(principal, "principal");
        return () -> find(principal);
    }

    private SecretKey key(boolean create) throws IOException {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = create ? ForgeTokenKey.loadOrCreate(keyFile) : ForgeTokenKey.load(keyFile).orElse(null);
                    key = k;
                }
            }
        }
        return k;
    }

    static String seal(SecretKey key, String principal, String token) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(principal.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws AEADBadTagException when {@code sealed} was sealed under another key or for another principal */
    static String open(SecretKey key, String principal, String sealed) throws GeneralSecurityException {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a sealed forge token");
        }
        byte[] in = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed forge token too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        cipher.updateAAD(principal.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }
}
