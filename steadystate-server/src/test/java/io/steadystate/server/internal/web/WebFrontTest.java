package io.steadystate.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.server.Config;
import io.steadystate.server.SteadyStateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's cookie session and CSRF rules against a real server on a loopback port (dev sign-in, no sessions). */
class WebFrontTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern DEVICE = Pattern.compile("\"device_code\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private SteadyStateServer server;

    @BeforeEach
    void start() throws Exception {
        server = SteadyStateServer.start(Config.fromEnv(Map.of("STEADYSTATE_PORT", "0", "STEADYSTATE_BIND_ADDRESS",
                "127.0.0.1", "STEADYSTATE_DATA_DIR", tmp.resolve("data").toString(), "STEADYSTATE_AUTH_PROVIDERS", "dev",
                "STEADYSTATE_DEV_AUTH", "true", "JWT_SECRET", "a-test-secret-that-is-long-enough-for-hs256-signing")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String cookie, String csrf, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", "steadystate_web=" + cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookieOf(HttpResponse<?> r) {
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring("steadystate_web=".length(), set.indexOf(';'));
    }

    private static String csrfOf(HttpResponse<String> r) {
        Matcher m = CSRF.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    private record Signed(String cookie, String csrf) {
    }

    private Signed signIn() throws Exception {
        HttpResponse<String> home = send("GET", "/", null, null, null);
        String anonymous = cookieOf(home);
        String csrf = csrfOf(home);
        Matcher code = DEVICE.matcher(send("POST", "/auth/device", null, null, "{\"provider\":\"dev\"}").body());
        assertThat(code.find()).isTrue();
        HttpResponse<String> done = send("POST", "/web/login/poll", anonymous, csrf, "{\"device_code\":\"" + code.group(1) + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"complete\"").doesNotContain("jwt", "refresh");
        String cookie = cookieOf(done);
        assertThat(cookie).isNotEqualTo(anonymous);
        return new Signed(cookie, csrfOf(send("GET", "/", cookie, null, null)));
    }

    @Test
    void theFirstVisitGetsAStrictHttpOnlyCookieAndAPolicyWithoutInlineCode() throws Exception {
        HttpResponse<String> home = send("GET", "/", null, null, null);

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(home.body()).contains("id=\"sign-in\"");
        assertThat(send("GET", "/web/app.js", null, null, null).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
        assertThat(send("GET", "/health", null, null, null).body()).contains("\"status\":\"ok\"");
    }

    @Test
    void signingInNeedsTheCsrfTokenAndReplacesTheCookie() throws Exception {
        HttpResponse<String> home = send("GET", "/", null, null, null);
        String anonymous = cookieOf(home);
        Matcher code = DEVICE.matcher(send("POST", "/auth/device", null, null, "{\"provider\":\"dev\"}").body());
        assertThat(code.find()).isTrue();
        String body = "{\"device_code\":\"" + code.group(1) + "\"}";

        assertThat(send("POST", "/web/login/poll", anonymous, null, body).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/web/login/poll", anonymous, "wrong", body).statusCode()).isEqualTo(403);

        Signed s = signIn();
        assertThat(send("GET", "/auth/me", s.cookie(), null, null).body()).contains("\"login\"");
        // The cookie from before sign-in is worth nothing after it.
        assertThat(send("GET", "/auth/me", anonymous, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void restRoutesTakeTheCookieOnlyWithTheCsrfTokenAndApplyTheirOwnValidation() throws Exception {
        Signed s = signIn();
        String bad = "{\"repo_url\":\"http://example.com/r.git\",\"mode\":\"collab\"}";

        HttpResponse<String> noToken = send("POST", "/sessions", s.cookie(), null, bad);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("\"csrf\"");
        HttpResponse<String> checked = send("POST", "/sessions", s.cookie(), s.csrf(), bad);
        assertThat(checked.statusCode()).isEqualTo(400);
        assertThat(checked.body()).contains("invalid_repo_url");
        assertThat(send("GET", "/sessions", s.cookie(), null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/web/sessions/abcdefgh12345678", s.cookie(), null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/web/sessions/abcdefgh12345678/live", s.cookie(), null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void signingOutEndsTheCookieAndPagesSendStrangersToSignIn() throws Exception {
        Signed s = signIn();
        assertThat(send("POST", "/web/logout", s.cookie(), null, "{}").statusCode()).isEqualTo(403);

        HttpResponse<String> out = send("POST", "/web/logout", s.cookie(), s.csrf(), "{}");

        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send("GET", "/auth/me", s.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/web/sessions/abcdefgh12345678", s.cookie(), null, null).statusCode()).isEqualTo(303);
        assertThat(send("GET", "/web/live", null, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aPublicHttpsUrlMakesTheCookieSecure() {
        assertThat(WebSettings.fromEnv(Map.of()).secureCookies()).isFalse();
        assertThat(WebSettings.fromEnv(Map.of(WebSettings.PUBLIC_URL, "https://ss.example.com")).secureCookies()).isTrue();
        assertThat(WebExchange.setCookie("v", true)).endsWith("; Secure");
        assertThatThrownBy(() -> WebSettings.fromEnv(Map.of(WebSettings.PUBLIC_URL, "ftp://x"))).hasMessageContaining("https://");
        assertThat(WebExchange.cookie(java.util.List.of("a=b; steadystate_web=xyz; c=d"))).contains("xyz");
    }
}
