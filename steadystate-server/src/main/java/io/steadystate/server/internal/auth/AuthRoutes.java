package io.steadystate.server.internal.auth;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.DeviceAuthorization;
import io.steadystate.api.spi.DevicePollResult;
import io.steadystate.api.wire.DeviceStartRequest;
import io.steadystate.api.wire.DeviceStartResponse;
import io.steadystate.api.wire.MeResponse;
import io.steadystate.api.wire.PollRequest;
import io.steadystate.api.wire.PollResponse;
import io.steadystate.api.wire.RefreshRequest;
import io.steadystate.api.wire.RevokeRequest;
import io.steadystate.api.wire.RevokeResponse;
import io.steadystate.api.wire.TokenResponse;
import io.steadystate.auth.InvalidRefreshTokenException;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.RefreshTokens;
import io.steadystate.auth.RevokedFamilies;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.http.ApiException;
import io.steadystate.server.internal.store.DeviceFlow;
import io.steadystate.server.internal.store.DeviceFlowStore;
import io.steadystate.server.internal.http.Json;
import io.steadystate.server.internal.http.RateLimiter;
import io.steadystate.server.internal.http.Request;
import io.steadystate.server.internal.http.Response;
import io.steadystate.server.internal.http.Router;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The login routes: the device flow ({@code /auth/device}, {@code /auth/poll}), token refresh and
 * revocation, {@code /auth/me} and the JWKS.
 */
public final class AuthRoutes {

    /** RFC 8628, section 3.5: a client that polls too fast waits five seconds longer from then on. */
    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final Map<String, AuthProvider> providers;
    private final String defaultProvider;
    private final JwtKeys jwt;
    private final RefreshTokens refreshTokens;
    private final DeviceFlowStore flows;
    private final BiConsumer<Identity, Instant> userSeen;
    private final ForgeTokens forgeTokens;
    private final Authenticator authenticator;
    private final RateLimiter pollLimiter;
    private final Clock clock;

    public AuthRoutes(Map<String, AuthProvider> providers, String defaultProvider, JwtKeys jwt,
            RefreshTokens refreshTokens, DeviceFlowStore flows, BiConsumer<Identity, Instant> userSeen,
            ForgeTokens forgeTokens, Clock clock) {
        this.providers = Map.copyOf(providers);
        this.defaultProvider = defaultProvider;
        this.jwt = jwt;
        this.refreshTokens = refreshTokens;
        this.flows = flows;
        this.userSeen = userSeen;
        this.forgeTokens = forgeTokens;
        // Reads the families revoked shortly before this start from the store, so that their access
        // tokens stay refused across a restart, and learns of every revocation made from now on.
        this.authenticator = new Authenticator(jwt, RevokedFamilies.follow(refreshTokens, jwt.settings(), clock), clock);
        // However a client behaves, one device code costs the provider at most one poll a second.
        this.pollLimiter = new RateLimiter(1.0, 3, clock);
        this.clock = clock;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public void register(Router router) {
        router.limitedRoute("POST", "/auth/device", this::device)
                .route("POST", "/auth/poll", this::poll)
                .limitedRoute("POST", "/auth/refresh", this::refresh)
                .limitedRoute("POST", "/auth/revoke", this::revoke)
                .route("GET", "/auth/me", this::me)
                .route("GET", "/.well-known/jwks.json", this::jwks);
    }

    private Response device(Request request) throws IOException {
        DeviceStartRequest body = request.json(DeviceStartRequest.class);
        String name = Optional.ofNullable(body.provider()).or(() -> request.query("provider")).orElse(defaultProvider);
        AuthProvider provider = providers.get(name);
        if (provider == null) {
            throw ApiException.badRequest("unknown_provider",
                    "provider '" + name + "' is not enabled here; enabled: " + String.join(", ", providers.keySet()));
        }
        DeviceAuthorization started;
        try {
            started = provider.start();
        } catch (AuthProviderException e) {
            throw new ApiException(502, "provider_unavailable", e.getMessage());
        }
        // The client gets a code of our own; the provider's code stays sealed in the store.
        String clientCode = DeviceCodes.newCode();
        Instant now = clock.instant();
        flows.insert(clientCode, new DeviceFlow(name, started.deviceCode(), started.userCode(),
                started.verificationUri().toString(), now.plus(started.expiresIn()), (int) started.interval().toSeconds(),
                now.plus(started.interval()), now));
        return Response.ok(new DeviceStartResponse(clientCode, started.userCode(),
                started.verificationUri().toString(), started.expiresIn().toSeconds(), started.interval().toSeconds()));
    }

    private Response poll(Request request) throws IOException {
        PollRequest body = request.json(PollRequest.class);
        if (body.deviceCode() == null || body.deviceCode().isBlank()) {
            throw ApiException.badRequest("invalid_request", "device_code is required");
        }
        return Response.ok(poll(body.deviceCode()));
    }

    /**
     * One poll of a device flow; on approval the tokens are in the answer. The web page calls this too, and
     * keeps those tokens on the server.
     */
    public PollResponse poll(String code) {
        DeviceFlow flow = flows.find(code)
                .orElseThrow(() -> ApiException.badRequest("invalid_device_code", "no login is pending with this device code; start again with steadystate login"));
        Instant now = clock.instant();
        if (!now.isBefore(flow.expiresAt())) {
            flows.delete(code);
            throw ApiException.badRequest("expired_token", "the device code expired before the login was approved; start again");
        }
        if (!pollLimiter.tryAcquire(Hashes.sha256(code))) {
            throw new ApiException(429, "rate_limited", "polling this device code too often; wait the interval between polls");
        }
        Duration interval = Duration.ofSeconds(flow.intervalSeconds());
        if (!flows.claimPoll(code, now, now.plus(interval))) {
            // Polled before the interval passed (or another poll is under way): the client must slow down.
            Duration slower = interval.plus(SLOW_DOWN_STEP);
            flows.reschedule(code, now.plus(slower), (int) slower.toSeconds());
            return PollResponse.slowDown(slower.toSeconds());
        }
        AuthProvider provider = providers.get(flow.provider());
        if (provider == null) {
            flows.delete(code);
            throw ApiException.badRequest("unknown_provider", "provider '" + flow.provider() + "' is no longer enabled here");
        }
        DevicePollResult result;
        try {
            result = provider.poll(flow.providerDeviceCode());
        } catch (AuthProviderException e) {
            throw new ApiException(502, "provider_unavailable", e.getMessage());
        }
        return switch (result) {
            case DevicePollResult.Pending p -> PollResponse.pending();
            case DevicePollResult.SlowDown s -> {
                Duration slower = s.interval().compareTo(interval) > 0 ? s.interval() : interval.plus(SLOW_DOWN_STEP);
                flows.reschedule(code, now.plus(slower), (int) slower.toSeconds());
                yield PollResponse.slowDown(slower.toSeconds());
            }
            case DevicePollResult.Denied d -> {
                flows.delete(code);
                throw ApiException.badRequest("access_denied", "the login was refused at the provider");
            }
            case DevicePollResult.Expired e -> {
                flows.delete(code);
                throw ApiException.badRequest("expired_token", "the device code expired before the login was approved; start again");
            }
            case DevicePollResult.Approved a -> {
                flows.delete(code);
                userSeen.accept(a.identity(), now);
                // The provider's token stays here, sealed, for pushes made for this user; the client never gets it.
                forgeTokens.save(a.identity(), a.accessToken());
                RefreshTokens.Issued refresh = refreshTokens.issue(a.identity());
                yield PollResponse.complete(jwt.sign(a.identity(), refresh.familyId()), refresh.token(),
                        refresh.expiresAt().toString(), a.identity().login(), a.identity().provider());
            }
        };
    }

    private Response refresh(Request request) throws IOException {
        RefreshRequest body = request.json(RefreshRequest.class);
        if (body.refreshToken() == null || body.refreshToken().isBlank()) {
            throw ApiException.badRequest("invalid_request", "refresh_token is required");
        }
        try {
            RefreshTokens.Issued next = refreshTokens.rotate(body.refreshToken());
            return Response.ok(new TokenResponse(jwt.sign(next.identity(), next.familyId()), next.token(),
                    next.expiresAt().toString()));
        } catch (InvalidRefreshTokenException e) {
            String message = switch (e.reason()) {
                case "reused" -> "this refresh token was already used; every token of this login is now revoked; log in again";
                case "expired" -> "the refresh token expired; log in again";
                default -> "the refresh token is not valid; log in again";
            };
            throw ApiException.unauthorized("invalid_refresh_token", message);
        }
    }

    private Response revoke(Request request) throws IOException {
        RevokeRequest body = request.json(RevokeRequest.class);
        if (body.refreshToken() == null || body.refreshToken().isBlank()) {
            throw ApiException.badRequest("invalid_request", "refresh_token is required");
        }
        refreshTokens.revoke(body.refreshToken());
        return Response.ok(new RevokeResponse(true));
    }

    private Response me(Request request) {
        VerifiedToken caller = authenticator.caller(request);
        return Response.ok(new MeResponse(caller.principal(), caller.login(), caller.provider()));
    }

    private Response jwks(Request request) throws IOException {
        String json = jwt.jwksJson()
                .orElseThrow(() -> ApiException.notFound("this server signs with a shared secret and publishes no keys"));
        return Response.ok(Json.MAPPER.readTree(json));
    }
}
