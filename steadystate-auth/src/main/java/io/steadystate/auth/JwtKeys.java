package io.steadystate.auth;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.steadystate.api.Identity;
import io.steadystate.auth.internal.jwt.EcKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs and verifies SteadyState's short-lived access tokens (JWTs), either with a shared secret
 * (HS256) or with an EC key pair kept in the data directory (ES256). Thread-safe.
 */
public final class JwtKeys {

    /** The file {@link #loadOrCreateEcKey} keeps the key pair in. */
    public static final String KEY_FILE_NAME = "jwt-signing-key.json";

    /** The shortest secret {@link #fromSecret} accepts: HS256 needs a key as long as its hash. */
    public static final int MIN_SECRET_BYTES = 32;

    static final String CLAIM_PROVIDER = "provider";
    static final String CLAIM_LOGIN = "login";
    /** The refresh-token family the token was issued with; revoking the family voids the token. */
    static final String CLAIM_FAMILY = "fam";
    // Family ids are UUIDs; the bound keeps what a deny-list is keyed by small.
    private static final int MAX_FAMILY_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtSettings settings;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final String keyId;
    private final ECKey publicKey;
    private final Clock clock;

    private JwtKeys(JwtSettings settings, JWSAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier,
            String keyId, ECKey publicKey, Clock clock) {
        this.settings = settings;
        this.algorithm = algorithm;
        this.signer = signer;
        this.verifier = verifier;
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    /**
     * Keys for HS256 with a shared secret (for example {@code JWT_SECRET}).
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static JwtKeys fromSecret(byte[] secret, JwtSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        // A copy, since the signer and verifier keep the array they are given and the caller may reuse theirs.
        byte[] copy = secret.clone();
        try {
            return new JwtKeys(settings, JWSAlgorithm.HS256, new MACSigner(copy), new MACVerifier(copy), null, null,
                    Clock.systemUTC());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT_SECRET cannot be used for HS256: " + e.getMessage(), e);
        }
    }

    /**
     * Keys for ES256 with a P-256 key pair kept as a JWK in {@code dataDir/}{@value #KEY_FILE_NAME}.
     * The first start generates the key and creates the file readable by its owner only; later starts
     * load it. A key file that group or others may access is refused, since anyone who can read it can
     * sign tokens.
     *
     * @throws IOException when the file cannot be read or written, is not a P-256 private key, or has
     *                     unsafe permissions
     */
    public static JwtKeys loadOrCreateEcKey(Path dataDir, JwtSettings settings) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(settings, "settings");
        ECKey key = EcKeyFile.loadOrCreate(dataDir.resolve(KEY_FILE_NAME));
        try {
            return new JwtKeys(settings, JWSAlgorithm.ES256, new ECDSASigner(key), new ECDSAVerifier(key.toPublicJWK()),
                    key.getKeyID(), key.toPublicJWK(), Clock.systemUTC());
        } catch (JOSEException e) {
            throw new IOException("the key in " + KEY_FILE_NAME + " cannot be used for ES256: " + e.getMessage(), e);
        }
    }

    /** The same keys reading time from {@code clock}; for tests and for callers with their own clock. */
    public JwtKeys withClock(Clock clock) {
        return new JwtKeys(settings, algorithm, signer, verifier, keyId, publicKey,
                Objects.requireNonNull(clock, "clock"));
    }

    /** The settings tokens are issued and checked with. */
    public JwtSettings settings() {
        return settings;
    }

    /** How long a token is valid after it is issued. */
    public Duration ttl() {
        return settings.ttl();
    }

    /** The public keys as a JWK set for {@code /.well-known/jwks.json}; empty with a shared secret. */
    public Optional<String> jwksJson() {
        return publicKey == null ? Optional.empty() : Optional.of(new JWKSet(publicKey).toString());
    }

    /**
     * A new token for {@code identity} outside any refresh-token family, valid from now for
     * {@link #ttl()}. Nothing can revoke it before it expires: for logins use
     * {@link #sign(Identity, String)}.
     */
    public String sign(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        return signClaims(identity, null);
    }

    /**
     * A new token for {@code identity} in the refresh-token family {@code familyId} (claim
     * {@value #CLAIM_FAMILY}), valid from now for {@link #ttl()}; a {@link RevokedFamilies} deny-list
     * refuses it once the family is revoked.
     *
     * @throws IllegalArgumentException when {@code familyId} is empty or too long
     */
    public String sign(Identity identity, String familyId) {
        Objects.requireNonNull(identity, "identity");
        if (familyId == null || familyId.isBlank() || familyId.length() > MAX_FAMILY_LENGTH) {
            throw new IllegalArgumentException("familyId must be 1 to " + MAX_FAMILY_LENGTH + " characters");
        }
        return signClaims(identity, familyId);
    }

    private String signClaims(Identity identity, String familyId) {
        // JWT times are whole seconds; truncating keeps exp - iat exactly the ttl.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(identity.principal())
                .issuer(settings.issuer())
                .audience(settings.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.ttl())))
                .jwtID(randomId())
                .claim(CLAIM_PROVIDER, identity.provider())
                .claim(CLAIM_LOGIN, identity.login());
        if (familyId != null) {
            claims.claim(CLAIM_FAMILY, familyId);
        }
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
        if (keyId != null) {
            header.keyID(keyId);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * Checks a token and returns its claims.
     *
     * @throws InvalidTokenException with the reason it was refused
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("malformed", "the token is empty");
        }
        // Before any parsing, so that a huge header cannot cost memory or time.
        if (token.length() > settings.maxTokenLength()) {
            throw new InvalidTokenException("too_large",
                    "the token is longer than " + settings.maxTokenLength() + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidTokenException("malformed", "the token is not a signed JWT");
        }
        // The header decides which algorithm the sender claims; check it against the key's own
        // before nimbus parses the rest, so that "none" or an algorithm swap never gets further.
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed", "the token header cannot be read");
        }
        if (!(header instanceof JWSHeader jws) || !algorithm.equals(jws.getAlgorithm())) {
            throw new InvalidTokenException("unsupported_algorithm",
                    "the token is not signed with " + algorithm.getName());
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed", "the token cannot be parsed");
        }
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidTokenException("bad_signature", "the token's signature does not match");
        }
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed", "the token's claims cannot be read");
        }
        return checkClaims(claims);
    }

    private VerifiedToken checkClaims(JWTClaimsSet claims) throws InvalidTokenException {
        String subject = claims.getSubject();
        Date issuedAt = claims.getIssueTime();
        Date expiresAt = claims.getExpirationTime();
        String jwtId = claims.getJWTID();
        String provider;
        String login;
        String family;
        try {
            provider = claims.getStringClaim(CLAIM_PROVIDER);
            login = claims.getStringClaim(CLAIM_LOGIN);
            family = claims.getStringClaim(CLAIM_FAMILY);
        } catch (ParseException e) {
            throw new InvalidTokenException("invalid_claims", "the provider, login or family claim is not a string");
        }
        // Absent is allowed: tokens signed before families were carried still run out their lifetime.
        if (family != null && (family.isBlank() || family.length() > MAX_FAMILY_LENGTH)) {
            throw new InvalidTokenException("invalid_claims", "the family claim is not valid");
        }
        if (subject == null || issuedAt == null || expiresAt == null || jwtId == null || provider == null
                || login == null || claims.getIssuer() == null || claims.getAudience().isEmpty()) {
            throw new InvalidTokenException("missing_claims", "the token lacks required claims");
        }
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException("wrong_issuer", "the token was issued by someone else");
        }
        List<String> audience = claims.getAudience();
        if (!audience.contains(settings.audience())) {
            throw new InvalidTokenException("wrong_audience", "the token is meant for someone else");
        }
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        if (!now.isBefore(expiresAt.toInstant().plus(skew))) {
            throw new InvalidTokenException("expired", "the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(skew).isBefore(notBefore.toInstant())) {
            throw new InvalidTokenException("not_yet_valid", "the token is not valid yet");
        }
        VerifiedToken verified = new VerifiedToken(subject, login, provider, issuedAt.toInstant(),
                expiresAt.toInstant(), jwtId, family);
        try {
            if (!verified.identity().provider().equals(provider)) {
                throw new InvalidTokenException("invalid_claims", "the subject and provider claims disagree");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("invalid_claims", "the subject or login claim is not valid");
        }
        return verified;
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "JwtKeys[" + algorithm.getName() + (keyId == null ? "" : ", kid=" + keyId) + "]";
    }
}
