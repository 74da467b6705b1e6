package io.steadystate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.steadystate.api.Identity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final JwtSettings SETTINGS = new JwtSettings("https://steadystate.test", "steadystate");
    private static final Identity OCTOCAT = new Identity("github", "583231", "octocat");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;

    private static JwtKeys hs(Instant now) {
        return JwtKeys.fromSecret(SECRET, SETTINGS).withClock(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void hs256RoundTrip() throws Exception {
        JwtKeys keys = hs(T0);
        String token = keys.sign(OCTOCAT);

        VerifiedToken verified = keys.verify(token);

        assertThat(verified.principal()).isEqualTo("github:583231");
        assertThat(verified.login()).isEqualTo("octocat");
        assertThat(verified.provider()).isEqualTo("github");
        assertThat(verified.issuedAt()).isEqualTo(T0);
        assertThat(verified.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(verified.jwtId()).isNotBlank();
        assertThat(verified.identity()).isEqualTo(OCTOCAT);
        assertThat(keys.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(keys.jwksJson()).isEmpty();
        assertThat(keys.verify(keys.sign(OCTOCAT)).jwtId()).isNotEqualTo(verified.jwtId());
    }

    @Test
    void es256RoundTripAndJwks() throws Exception {
        JwtKeys keys = JwtKeys.loadOrCreateEcKey(dir, SETTINGS);
        String token = keys.sign(OCTOCAT);

        assertThat(keys.verify(token).identity()).isEqualTo(OCTOCAT);
        assertThat(header(token)).contains("\"ES256\"").contains("\"kid\"");
        assertThat(keys.jwksJson()).hasValueSatisfying(jwks -> assertThat(jwks)
                .contains("\"keys\"").contains("\"kty\":\"EC\"").contains("\"crv\":\"P-256\"")
                .doesNotContain("\"d\""));
    }

    @Test
    void keyFileIsOwnerOnlyAndReloaded() throws Exception {
        JwtKeys first = JwtKeys.loadOrCreateEcKey(dir.resolve("data"), SETTINGS);
        Path file = dir.resolve("data").resolve(JwtKeys.KEY_FILE_NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dir.resolve("data"))).containsExactly(file);
        String json = Files.readString(file);

        JwtKeys second = JwtKeys.loadOrCreateEcKey(dir.resolve("data"), SETTINGS);
        assertThat(Files.readString(file)).isEqualTo(json);
        assertThat(second.verify(first.sign(OCTOCAT)).identity()).isEqualTo(OCTOCAT);
        assertThat(second.jwksJson()).isEqualTo(first.jwksJson());
    }

    @Test
    void keyFileReadableByOthersIsRefused() throws Exception {
        JwtKeys.loadOrCreateEcKey(dir, SETTINGS);
        Path file = dir.resolve(JwtKeys.KEY_FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> JwtKeys.loadOrCreateEcKey(dir, SETTINGS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> JwtKeys.loadOrCreateEcKey(dir, SETTINGS)).isInstanceOf(IOException.class);
    }

    @Test
    void keyFileThatIsNotAnEcKeyIsRefused() throws Exception {
        Path file = dir.resolve(JwtKeys.KEY_FILE_NAME);
        Files.writeString(file, "{\"kty\":\"oct\",\"k\":\"AAAA\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> JwtKeys.loadOrCreateEcKey(dir, SETTINGS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("EC key");
    }

    @Test
    void shortSecretIsRefused() {
        assertThatThrownBy(() -> JwtKeys.fromSecret(new byte[31], SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JWT_SECRET must be at least 32 bytes");
        assertThatThrownBy(() -> JwtKeys.fromSecret(null, SETTINGS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() {
        String huge = "x".repeat(JwtSettings.DEFAULT_MAX_TOKEN_LENGTH + 1);
        assertRejected(hs(T0), huge, "too_large");
    }

    @Test
    void malformedTokensAreRefused() {
        JwtKeys keys = hs(T0);
        assertRejected(keys, "", "malformed");
        assertRejected(keys, "not-a-token", "malformed");
        assertRejected(keys, "a.b", "malformed");
        assertRejected(keys, "a.b.c.d.e", "malformed");
        assertRejected(keys, "!!!.@@@.###", "malformed");
        assertRejected(keys, b64("not json") + "." + b64("{}") + "." + b64("sig"), "malformed");
    }

    @Test
    void algNoneIsRefused() throws Exception {
        JwtKeys keys = hs(T0);
        String payload = keys.sign(OCTOCAT).split("\\.")[1];
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        assertRejected(keys, none, "unsupported_algorithm");
        assertRejected(keys, b64("{\"alg\":\"none\"}") + "." + payload + "." + b64("x"), "unsupported_algorithm");
    }

    @Test
    void otherAlgorithmsAreRefused() throws Exception {
        JwtKeys ec = JwtKeys.loadOrCreateEcKey(dir, SETTINGS);
        assertRejected(ec, hs(T0).sign(OCTOCAT), "unsupported_algorithm");
        assertRejected(hs(Instant.now()), ec.sign(OCTOCAT), "unsupported_algorithm");

        String payload = hs(T0).sign(OCTOCAT).split("\\.")[1];
        assertRejected(hs(T0), b64("{\"alg\":\"HS512\"}") + "." + payload + "." + b64("sig"),
                "unsupported_algorithm");
    }

    @Test
    void tamperedPayloadIsRefused() {
        JwtKeys keys = hs(T0);
        String[] parts = keys.sign(OCTOCAT).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replace("octocat", "admin");
        assertThat(forged).isNotEqualTo(claims);

        assertRejected(keys, parts[0] + "." + b64(forged) + "." + parts[2], "bad_signature");
    }

    @Test
    void callerMayWipeTheSecretAfterwards() throws Exception {
        byte[] secret = SECRET.clone();
        JwtKeys keys = JwtKeys.fromSecret(secret, SETTINGS);
        java.util.Arrays.fill(secret, (byte) 0);

        assertThat(JwtKeys.fromSecret(SECRET, SETTINGS).verify(keys.sign(OCTOCAT)).login()).isEqualTo("octocat");
    }

    @Test
    void tokenFromAnotherKeyIsRefused() throws Exception {
        JwtKeys mine = JwtKeys.loadOrCreateEcKey(dir.resolve("a"), SETTINGS);
        JwtKeys theirs = JwtKeys.loadOrCreateEcKey(dir.resolve("b"), SETTINGS);
        assertRejected(mine, theirs.sign(OCTOCAT), "bad_signature");

        JwtKeys otherSecret = JwtKeys.fromSecret("another-secret-another-secret-xx".getBytes(StandardCharsets.US_ASCII),
                SETTINGS);
        assertRejected(JwtKeys.fromSecret(SECRET, SETTINGS), otherSecret.sign(OCTOCAT), "bad_signature");
    }

    @Test
    void wrongIssuerAndAudienceAreRefused() {
        JwtKeys keys = hs(T0);
        JwtKeys otherIssuer = JwtKeys.fromSecret(SECRET, new JwtSettings("https://evil.test", "steadystate"));
        JwtKeys otherAudience = JwtKeys.fromSecret(SECRET, new JwtSettings("https://steadystate.test", "other"));

        assertRejected(keys, otherIssuer.withClock(Clock.fixed(T0, ZoneOffset.UTC)).sign(OCTOCAT), "wrong_issuer");
        assertRejected(keys, otherAudience.withClock(Clock.fixed(T0, ZoneOffset.UTC)).sign(OCTOCAT),
                "wrong_audience");
    }

    @Test
    void expiryHonoursTheClockSkew() throws Exception {
        String token = hs(T0).sign(OCTOCAT);
        Instant expiry = T0.plus(Duration.ofMinutes(15));

        assertThat(hs(expiry.plusSeconds(29)).verify(token).identity()).isEqualTo(OCTOCAT);
        assertRejected(hs(expiry.plusSeconds(30)), token, "expired");
        assertRejected(hs(expiry.plus(Duration.ofDays(1))), token, "expired");
    }

    @Test
    void tokenFromTheFutureIsRefusedBeyondTheSkew() throws Exception {
        String token = hs(T0.plusSeconds(300)).sign(OCTOCAT);

        assertThat(hs(T0.plusSeconds(300 - 30)).verify(token).identity()).isEqualTo(OCTOCAT);
        assertRejected(hs(T0.plusSeconds(300 - 31)), token, "not_yet_valid");
        assertRejected(hs(T0), token, "not_yet_valid");
    }

    @Test
    void missingOrInconsistentClaimsAreRefused() throws Exception {
        JwtKeys keys = hs(T0);
        JWTClaimsSet.Builder complete = new JWTClaimsSet.Builder()
                .subject("github:1").issuer(SETTINGS.issuer()).audience(SETTINGS.audience())
                .issueTime(Date.from(T0)).notBeforeTime(Date.from(T0))
                .expirationTime(Date.from(T0.plusSeconds(60))).jwtID("id")
                .claim("provider", "github").claim("login", "octocat");

        assertThat(keys.verify(signed(complete.build())).login()).isEqualTo("octocat");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete.build()).jwtID(null).build()), "missing_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete.build()).subject(null).build()),
                "missing_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete.build()).expirationTime(null).build()),
                "missing_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete.build()).claim("login", null).build()),
                "missing_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete.build()).audience((String) null).build()),
                "missing_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete.build()).claim("provider", "gitlab").build()),
                "invalid_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete.build()).subject("nocolon").build()),
                "invalid_claims");
    }

    @Test
    void aTokenCarriesItsRefreshFamilyAndOneWithoutStillVerifies() throws Exception {
        JwtKeys keys = hs(T0);

        VerifiedToken inFamily = keys.verify(keys.sign(OCTOCAT, "family-1"));
        VerifiedToken outside = keys.verify(keys.sign(OCTOCAT));

        assertThat(inFamily.familyId()).isEqualTo("family-1");
        assertThat(inFamily.family()).contains("family-1");
        assertThat(inFamily.identity()).isEqualTo(OCTOCAT);
        assertThat(payload(keys.sign(OCTOCAT, "family-1"))).contains("\"fam\":\"family-1\"");
        assertThat(outside.familyId()).isNull();
        assertThat(payload(keys.sign(OCTOCAT))).doesNotContain("\"fam\"");
        assertThatThrownBy(() -> keys.sign(OCTOCAT, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.sign(OCTOCAT, "f".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFamilyClaimThatIsNotANonEmptyStringIsRefused() throws Exception {
        JwtKeys keys = hs(T0);
        JWTClaimsSet complete = new JWTClaimsSet.Builder().subject("github:583231")
                .issuer(SETTINGS.issuer()).audience(SETTINGS.audience())
                .issueTime(Date.from(T0)).notBeforeTime(Date.from(T0))
                .expirationTime(Date.from(T0.plusSeconds(60))).jwtID("id")
                .claim("provider", "github").claim("login", "octocat").build();

        assertThat(keys.verify(signed(new JWTClaimsSet.Builder(complete).claim("fam", "f").build())).familyId())
                .isEqualTo("f");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete).claim("fam", 42).build()), "invalid_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete).claim("fam", "").build()), "invalid_claims");
        assertRejected(keys, signed(new JWTClaimsSet.Builder(complete).claim("fam", "f".repeat(129)).build()),
                "invalid_claims");
    }

    @Test
    void settingsValidateTheirValues() {
        assertThatThrownBy(() -> new JwtSettings(" ", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtSettings("i", "a", Duration.ZERO, Duration.ZERO, 8192))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtSettings("i", "a", Duration.ofMinutes(1), Duration.ofSeconds(-1), 8192))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new JwtSettings("i", "a").clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new JwtSettings("i", "a").maxTokenLength()).isEqualTo(8192);
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    private static void assertRejected(JwtKeys keys, String token, String reason) {
        ThrowingCallable verify = () -> keys.verify(token);
        assertThatThrownBy(verify)
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                    if (token.length() > 3) {
                        assertThat(e.getMessage()).doesNotContain(token);
                    }
                });
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
