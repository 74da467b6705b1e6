package io.steadystate.server.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device-flow logins in progress, in table {@code device_flows}, looked up by the device code the
 * server handed to the client.
 *
 * <p>That client code is never stored: the row is keyed by its SHA-256, and the provider's device code
 * (which the server needs to keep polling the provider, also after a restart) is sealed with AES-256-GCM
 * under a key derived from the client code (HMAC-SHA256). Reading the table alone therefore yields
 * neither code. This needs client codes with enough entropy to be keys: at least 128 random bits.
 */
public final class DeviceFlowStore {

    private static final byte[] KEY_LABEL = "steadystate device flow v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    DeviceFlowStore(Database db) {
        this.db = db;
    }

    /** Stores a new flow under the client's device code. */
    public void insert(String deviceCode, DeviceFlow flow) {
        Objects.requireNonNull(flow, "flow");
        String hash = hash(deviceCode);
        String sealed = seal(deviceCode, hash, flow.providerDeviceCode());
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_flows (device_code_hash, provider, "
                    + "provider_code_sealed, user_code, verification_uri, expires_at, interval_seconds, next_poll_at, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, hash);
                ps.setString(2, flow.provider());
                ps.setString(3, sealed);
                ps.setString(4, flow.userCode());
                ps.setString(5, flow.verificationUri());
                Jdbc.setInstant(ps, 6, flow.expiresAt());
                ps.setInt(7, flow.intervalSeconds());
                Jdbc.setInstant(ps, 8, flow.nextPollAt());
                Jdbc.setInstant(ps, 9, flow.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    /** The flow of a client device code, expired or not; empty when unknown. */
    public Optional<DeviceFlow> find(String deviceCode) {
        String hash = hash(deviceCode);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT provider, provider_code_sealed, user_code, "
                    + "verification_uri, expires_at, interval_seconds, next_poll_at, created_at "
                    + "FROM device_flows WHERE device_code_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String providerCode = open(deviceCode, hash, rs.getString("provider_code_sealed"));
                    return Optional.of(new DeviceFlow(rs.getString("provider"), providerCode,
                            rs.getString("user_code"), rs.getString("verification_uri"),
                            Jdbc.getInstant(rs, "expires_at"), rs.getInt("interval_seconds"),
                            Jdbc.getInstant(rs, "next_poll_at"), Jdbc.getInstant(rs, "created_at")));
                }
            }
        });
    }

    /**
     * Claims the right to poll the provider now: succeeds for exactly one caller once the next poll time has
     * come (and the flow has not expired), moving the next poll time to {@code nextPollAt}.
     */
    public boolean claimPoll(String deviceCode, Instant now, Instant nextPollAt) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(nextPollAt, "nextPollAt");
        String hash = hash(deviceCode);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_flows SET next_poll_at = ? "
                    + "WHERE device_code_hash = ? AND next_poll_at <= ? AND expires_at > ?")) {
                Jdbc.setInstant(ps, 1, nextPollAt);
                ps.setString(2, hash);
                Jdbc.setInstant(ps, 3, now);
                Jdbc.setInstant(ps, 4, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Sets the next poll time and interval (after a {@code slow_down}, say); false when the flow is unknown. */
    public boolean reschedule(String deviceCode, Instant nextPollAt, int intervalSeconds) {
        Objects.requireNonNull(nextPollAt, "nextPollAt");
        String hash = hash(deviceCode);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_flows SET next_poll_at = ?, "
                    + "interval_seconds = ? WHERE device_code_hash = ?")) {
                Jdbc.setInstant(ps, 1, nextPollAt);
                ps.setInt(2, intervalSeconds);
                ps.setString(3, hash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Forgets a flow (completed, denied or expired); false when it was not there. */
    public boolean delete(String deviceCode) {
        String hash = hash(deviceCode);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM device_flows WHERE device_code_hash = ?")) {
                ps.setString(1, hash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Deletes flows that expired at or before {@code now}; returns how many. */
    public int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM device_flows WHERE expires_at <= ?")) {
                Jdbc.setInstant(ps, 1, now);
                return ps.executeUpdate();
            }
        });
    }

    /** The key a client device code is stored under: SHA-256, hex. */
    static String hash(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        if (deviceCode.isEmpty()) {
            throw new IllegalArgumentException("the device code must not be empty");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(deviceCode.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKeySpec key(String deviceCode) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(deviceCode.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] k = mac.doFinal(KEY_LABEL);
        try {
            return new SecretKeySpec(k, "AES");
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    static String seal(String deviceCode, String hash, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(deviceCode), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(hash.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static String open(String deviceCode, String hash, String sealedText) {
        try {
            byte[] in = Base64.getDecoder().decode(sealedText);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(deviceCode), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(hash.getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new StoreException("the stored device flow cannot be opened with this device code", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
