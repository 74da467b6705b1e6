package io.steadystate.auth.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.DeviceAuthorization;
import io.steadystate.api.spi.DevicePollResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) against one identity provider; subclasses say
 * where its endpoints are and how to learn who the user is once a token is granted.
 */
abstract class DeviceFlowProvider implements AuthProvider {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final int MAX_DEVICE_CODE_LENGTH = 2048;
    private static final int MAX_TRACKED = 10_000;

    /** Where the flow's two requests go. */
    record Endpoints(URI deviceAuthorization, URI token) {
    }

    private record Tracked(Duration interval, Instant expiresAt) {
    }

    private final String name;
    protected final HttpJson http;
    protected final String clientId;
    protected final String clientSecret;
    private final String scope;
    // The interval each pending flow polls at, so that slow_down can lengthen it (RFC 8628 3.5).
    private final Map<String, Tracked> intervals = new ConcurrentHashMap<>();

    DeviceFlowProvider(String name, HttpJson http, String clientId, String clientSecret, String scope) {
        this.name = name;
        this.http = http;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
    }

    @Override
    public final String name() {
        return name;
    }

    abstract Endpoints endpoints() throws AuthProviderException;

    /** Who holds {@code accessToken}. */
    abstract Identity identity(String accessToken) throws AuthProviderException;

    /** Puts the client's credentials into a request; by default both in the form. */
    void authenticateClient(Map<String, String> form, Map<String, String> headers) throws AuthProviderException {
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
    }

    @Override
    public DeviceAuthorization start() throws AuthProviderException {
        Endpoints endpoints = endpoints();
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        authenticateClient(form, headers);
        form.put("scope", scope);
        HttpJson.Response response = http.postForm(endpoints.deviceAuthorization(), form, headers);
        JsonNode json = response.json();
        if (json.hasNonNull("error") || !response.ok()) {
            throw refused("the device authorization", response);
        }
        String deviceCode = text(json, "device_code");
        String userCode = text(json, "user_code");
        // Some providers (Google) still use the draft's name for it.
        String verification = json.hasNonNull("verification_uri") ? text(json, "verification_uri")
                : text(json, "verification_url");
        long expiresIn = json.path("expires_in").asLong(0);
        Duration interval = json.hasNonNull("interval")
                ? Duration.ofSeconds(Math.max(1, json.path("interval").asLong(5)))
                : DEFAULT_INTERVAL;
        if (deviceCode == null || userCode == null || verification == null || expiresIn <= 0) {
            throw new AuthProviderException(http.service() + "'s device authorization lacks device_code, user_code, "
                    + "verification_uri or expires_in");
        }
        URI verificationUri;
        try {
            verificationUri = new URI(verification);
        } catch (URISyntaxException e) {
            throw new AuthProviderException(http.service() + " returned a verification_uri that is not a URL");
        }
        track(deviceCode, interval, Instant.now().plusSeconds(expiresIn));
        return new DeviceAuthorization(deviceCode, userCode, verificationUri, Duration.ofSeconds(expiresIn), interval);
    }

    @Override
    public DevicePollResult poll(String deviceCode) throws AuthProviderException {
        if (deviceCode == null || deviceCode.isBlank() || deviceCode.length() > MAX_DEVICE_CODE_LENGTH) {
            throw new AuthProviderException("the device code is empty or too long");
        }
        Endpoints endpoints = endpoints();
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        authenticateClient(form, headers);
        form.put("device_code", deviceCode);
        form.put("grant_type", GRANT_TYPE);
        HttpJson.Response response = http.postForm(endpoints.token(), form, headers);
        JsonNode json = response.json();
        // GitHub answers 200 with an error field; RFC 8628 servers answer 400. Both carry "error".
        String error = json.hasNonNull("error") ? json.path("error").asText() : null;
        if (error != null) {
            switch (error) {
                case "authorization_pending":
                    return new DevicePollResult.Pending();
                case "slow_down":
                    return new DevicePollResult.SlowDown(slowDown(deviceCode, json));
                case "expired_token":
                    intervals.remove(deviceCode);
                    return new DevicePollResult.Expired();
                case "access_denied":
                    intervals.remove(deviceCode);
                    return new DevicePollResult.Denied();
                default:
                    throw refused("the device code", response);
            }
        }
        String accessToken = text(json, "access_token");
        if (!response.ok() || accessToken == null) {
            throw new AuthProviderException(response.ok()
                    ? http.service() + "'s token answer has no access_token"
                    : http.service() + " answered the token request with HTTP " + response.status());
        }
        intervals.remove(deviceCode);
        return new DevicePollResult.Approved(identity(accessToken), accessToken);
    }

    private Duration slowDown(String deviceCode, JsonNode json) {
        Tracked tracked = intervals.get(deviceCode);
        Duration current = tracked == null ? DEFAULT_INTERVAL : tracked.interval();
        long offered = json.path("interval").asLong(0);
        Duration next = offered > 0 ? Duration.ofSeconds(offered) : current.plus(SLOW_DOWN_STEP);
        track(deviceCode, next, tracked == null ? Instant.now().plus(Duration.ofMinutes(15)) : tracked.expiresAt());
        return next;
    }

    private void track(String deviceCode, Duration interval, Instant expiresAt) {
        if (intervals.size() >= MAX_TRACKED) {
            Instant now = Instant.now();
            intervals.values().removeIf(t -> t.expiresAt().isBefore(now));
            if (intervals.size() >= MAX_TRACKED) {
                // Forgetting only costs a default interval on the next slow_down.
                intervals.clear();
            }
        }
        intervals.put(deviceCode, new Tracked(interval, expiresAt));
    }

    /** GET of a JSON object with the access token; anything but 2xx is an error. */
    JsonNode getWithToken(URI uri, String accessToken, Map<String, String> extraHeaders) throws AuthProviderException {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Authorization", "Bearer " + accessToken);
        HttpJson.Response response = http.get(uri, headers);
        if (!response.ok()) {
            throw new AuthProviderException(http.service() + " answered GET " + HttpJson.describe(uri) + " with HTTP "
                    + response.status());
        }
        return response.json();
    }

    /** An identity from values the provider returned, with a clear error when they do not fit. */
    Identity identityOf(String subject, String login) throws AuthProviderException {
        if (subject == null || login == null) {
            throw new AuthProviderException(http.service() + "'s user answer lacks the user's id or login");
        }
        try {
            return new Identity(name, subject, login);
        } catch (IllegalArgumentException e) {
            throw new AuthProviderException(http.service() + " returned a user that cannot be used: " + e.getMessage());
        }
    }

    /** A string field, or null when it is absent, empty or not a string. */
    static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private AuthProviderException refused(String what, HttpJson.Response response) {
        String error = text(response.json(), "error");
        String description = text(response.json(), "error_description");
        StringBuilder message = new StringBuilder(http.service()).append(" refused ").append(what);
        if (error != null) {
            message.append(": ").append(clean(error));
            if (description != null) {
                message.append(" (").append(clean(description)).append(')');
            }
        } else {
            message.append(": HTTP ").append(response.status());
        }
        return new AuthProviderException(message.toString());
    }

    /** A provider's words made safe to log: one line, not too long. */
    private static String clean(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
