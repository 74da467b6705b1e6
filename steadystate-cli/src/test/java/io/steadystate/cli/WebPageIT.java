package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadystate.cli.CliProcess.Run;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's web page in a real headless Chromium, against the real server with the local provider, GitHub
 * faked on loopback and the system {@code ssh} for presence and syncs. The steps build on each other (one
 * session, like a person's afternoon), so they run in order; screenshots of every page land in
 * {@code target/web-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration UI = Duration.ofSeconds(15);
    private static final Path SHOTS = Path.of(System.getProperty("web.screenshots", "target/web-screenshots"));

    @TempDir
    static Path tmp;

    private static FakeGitHub github;
    private static ServerProcess server;
    private static Path roots;
    private static Chromium.Browser browser;
    private static Chromium alice;
    private static Chromium bob;
    private static String sessionId;
    private static String link;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
        for (String login : List.of("alice", "bob")) {
            github.publishKeys(login, SessionKit.keygen(tmp.resolve("keys"), login));
        }
        roots = Files.createDirectories(tmp.resolve("repos"));
        Path repo = Files.createDirectories(roots.resolve("demo"));
        Files.writeString(repo.resolve("a.txt"), "one\n");
        Files.writeString(repo.resolve("b.txt"), "two\n");
        SessionKit.commitAll(repo);
        server = new ServerProcess(CliProcess.LAUNCHER, tmp.resolve("data"), Map.of(
                "GITHUB_CLIENT_ID", "test-client", "GITHUB_BASE_URL", github.url(), "GITHUB_API_URL", github.url(),
                "STEADYSTATE_ALLOWED_REPO_ROOTS", roots.toString()));
        browser = new Chromium.Browser(tmp.resolve("chromium"));
        alice = new Chromium(browser);
        bob = new Chromium(browser);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, browser, server, github}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void signInWithTheDeviceFlowInTheBrowser() throws Exception {
        alice.navigate(server.url() + "/");
        assertThat(alice.evalString("document.body.dataset.page")).isEqualTo("sign-in");
        alice.screenshot(SHOTS.resolve("01-sign-in.png"));

        signIn(alice, "alice", true);

        assertThat(alice.evalString("document.querySelector('.who strong').textContent")).isEqualTo("alice");
        // The session cookie is HttpOnly: the page's own script cannot read it.
        assertThat(alice.evalString("document.cookie")).doesNotContain("steadystate_web");
        assertThat(alice.evalString("document.querySelector('#sessions').textContent")).contains("No sessions yet");
        alice.screenshot(SHOTS.resolve("03-sessions-empty.png"));

        signIn(bob, "bob", false);
    }

    @Test
    @Order(2)
    void startingASessionShowsErrorsByTheirFieldThenItAppearsLiveForTheOtherMember() throws Exception {
        bob.eval("window.notReloaded = true");

        fill(alice, "#repo_url", "http://example.com/repo.git");
        fill(alice, "#allowed_users", "bob");
        alice.click("#start");
        alice.waitUntil("document.querySelector('#repo_url-error').textContent.length > 0", UI);
        assertThat(alice.evalString("document.querySelector('#repo_url').getAttribute('aria-invalid')")).isEqualTo("true");
        assertThat(alice.evalString("document.activeElement.id")).isEqualTo("repo_url");
        assertThat(alice.evalString("document.querySelector('#repo_url-error').textContent")).contains("http://");
        alice.screenshot(SHOTS.resolve("04-start-error.png"));

        fill(alice, "#repo_url", roots.resolve("demo").toString());
        fill(alice, "#viewers", "carol");
        alice.click("#start");
        alice.waitUntil("document.body.dataset.page === 'session'", UI);
        sessionId = alice.evalString("location.pathname.split('/').pop()");
        alice.waitUntil("document.querySelector('#state') && document.querySelector('#state').textContent === 'Running'",
                Duration.ofSeconds(60));
        link = alice.evalString("document.querySelector('#link-" + sessionId + "').textContent");
        assertThat(link).startsWith("steadystate://collab/" + sessionId);

        bob.waitUntil("document.querySelector('#s-" + sessionId + "') !== null", UI);
        assertThat(bob.evalBoolean("window.notReloaded === true")).isTrue();
        bob.waitUntil("document.querySelector('#s-" + sessionId + "').dataset.state === 'running'", UI);
        // Bob may join but not end it.
        assertThat(bob.evalBoolean("document.querySelector('#end-" + sessionId + "') === null")).isTrue();
        bob.screenshot(SHOTS.resolve("05-sessions-member.png"));
    }

    @Test
    @Order(3)
    void presenceChangesWhenAMemberConnectsOverSsh() throws Exception {
        String bobPresence = "document.querySelector('#members li[data-login=\"bob\"] .presence')";
        assertThat(alice.evalString(bobPresence + ".textContent")).isEqualTo("not connected");

        ProcessBuilder join = new ProcessBuilder(CliProcess.LAUNCHER.toString(), "join", "--identity",
                tmp.resolve("keys/bob").toString(), link)
                .redirectOutput(tmp.resolve("join-out.txt").toFile()).redirectError(tmp.resolve("join-err.txt").toFile());
        join.environment().put("STEADYSTATE_CONFIG_DIR", tmp.resolve("config-bob-presence").toString());
        join.environment().put("STEADYSTATE_BACKEND_URL", server.url());
        Process ssh = join.start();
        try {
            alice.waitUntil(bobPresence + ".textContent === 'connected'", Duration.ofSeconds(30));
            alice.screenshot(SHOTS.resolve("06-session-presence.png"));
            // The sessions page follows too.
            bob.waitUntil("document.querySelector('#s-" + sessionId + " .connected') !== null"
                    + " && document.querySelector('#s-" + sessionId + " .connected').textContent.includes('bob')", UI);
        } finally {
            try (OutputStream in = ssh.getOutputStream()) {
                in.write("exit\n".getBytes(StandardCharsets.UTF_8));
            }
            if (!ssh.waitFor(30, TimeUnit.SECONDS)) {
                ssh.destroyForcibly();
            }
        }
        alice.waitUntil(bobPresence + ".textContent === 'not connected'", UI);
    }

    @Test
    @Order(4)
    void aSyncAppearsInTheTimelineWithinASecondAndConflictsShowPathsPerMember() throws Exception {
        Run sync = shell("bob", "cd ~/work && echo 'from bob' > b.txt && steadystate sync; rc=$?");
        assertThat(sync.exit()).as(sync.toString()).isZero();
        long synced = System.nanoTime();
        alice.waitUntil("[...document.querySelectorAll('#timeline li.ev-sync')].some(e => e.textContent.includes('bob'))",
                Duration.ofSeconds(1));
        long shownMs = (System.nanoTime() - synced) / 1_000_000;
        System.out.println("WebPageIT: the sync showed in the timeline " + shownMs + " ms after the command returned");

        Run mine = shell("alice", "cd ~/work && echo 'alice was here' > a.txt && steadystate sync; rc=$?");
        assertThat(mine.exit()).as(mine.toString()).isZero();
        Run theirs = shell("bob", "cd ~/work && echo 'bob was here' > a.txt && steadystate sync; rc=$?");
        assertThat(theirs.exit()).as(theirs.toString()).isEqualTo(1);
        alice.waitUntil("document.querySelector('#conflicts').textContent.includes('a.txt')", Duration.ofSeconds(2));
        assertThat(alice.evalString("document.querySelector('#conflicts h3').textContent")).isEqualTo("bob");
        // Paths only: the conflicting contents never reach the page.
        assertThat(alice.evalString("document.body.textContent")).doesNotContain("bob was here", "alice was here");
        alice.screenshot(SHOTS.resolve("07-session-timeline-conflict.png"));
    }

    @Test
    @Order(5)
    void theCopyButtonPutsTheMagicLinkOnTheClipboard() throws Exception {
        alice.grantClipboard(server.url());
        alice.eval("navigator.clipboard.writeText('something else')");
        alice.click("[data-copy='link-" + sessionId + "']");
        alice.waitUntil("document.querySelector(\"[data-copy='link-" + sessionId + "']\").dataset.copied === 'yes'", UI);
        assertThat(alice.evalString("navigator.clipboard.readText()")).isEqualTo(link);
        alice.click("[data-copy='cmd-" + sessionId + "']");
        assertThat(alice.evalString("navigator.clipboard.readText()")).isEqualTo("steadystate join '" + link + "'");
    }

    @Test
    @Order(6)
    void everyPagePassesAxeIsKeyboardReachableAndFitsAt200PercentAndOnAPhone() throws Exception {
        String axe = axeScript();
        try (Chromium anonymous = new Chromium(browser)) {
            anonymous.navigate(server.url() + "/");
            assertNoAxeViolations(anonymous, axe, "sign-in");
            assertKeyboardReachesEveryControl(anonymous, "sign-in");
            fits(anonymous, "sign-in");
        }
        alice.navigate(server.url() + "/");
        assertNoAxeViolations(alice, axe, "sessions");
        assertKeyboardReachesEveryControl(alice, "sessions");
        fits(alice, "sessions");
        alice.navigate(server.url() + "/web/sessions/" + sessionId);
        alice.waitUntil("document.body.dataset.live === 'open'", UI);
        assertNoAxeViolations(alice, axe, "session");
        assertKeyboardReachesEveryControl(alice, "session");
        fits(alice, "session");

        // Enter on a focused button works like a click: a keyboard alone can start ending the session.
        alice.eval("document.querySelector('#end-" + sessionId + "').focus()");
        alice.press("Enter", 13, false);
        alice.waitUntil("document.activeElement.id === 'end-confirm-" + sessionId + "'", UI);
        alice.click("[data-end-cancel='" + sessionId + "']");
        alice.waitUntil("document.querySelector('#end-confirm-" + sessionId + "') === null", UI);
    }

    @Test
    @Order(7)
    void pagesAndActionsFollowTheApiRulesForANonMemberAViewerAMemberAndTheCreator() throws Exception {
        WebClient dave = WebClient.signIn("dave");
        WebClient carol = WebClient.signIn("carol");
        WebClient bobHttp = WebClient.signIn("bob");
        WebClient aliceHttp = WebClient.signIn("alice");
        String page = "/web/sessions/" + sessionId;

        assertThat(dave.get(page).statusCode()).isEqualTo(404);
        assertThat(dave.get(page + "/live").statusCode()).isEqualTo(404);
        assertThat(dave.get("/sessions/" + sessionId).statusCode()).isEqualTo(404);
        assertThat(dave.get("/").body()).doesNotContain(sessionId);

        for (WebClient member : List.of(carol, bobHttp)) {
            HttpResponse<String> r = member.get(page);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains(link.replace("&", "&amp;")).doesNotContain("id=\"end-" + sessionId + "\"");
            assertThat(member.get("/").body()).contains("id=\"s-" + sessionId + "\"");
            assertThat(member.delete("/sessions/" + sessionId, true).statusCode()).isEqualTo(403);
        }
        HttpResponse<String> own = aliceHttp.get(page);
        assertThat(own.body()).contains("id=\"end-" + sessionId + "\"");
        assertThat(own.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");

        // Without the CSRF token, or from another origin, the cookie changes nothing.
        assertThat(aliceHttp.delete("/sessions/" + sessionId, false).statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = aliceHttp.send(aliceHttp.request("/sessions/" + sessionId)
                .header("X-CSRF-Token", aliceHttp.csrf).header("Origin", "http://evil.example").DELETE());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(aliceHttp.get("/sessions/" + sessionId).body()).contains("\"state\":\"Running\"");

        // Signed out, the cookie is worth nothing.
        assertThat(dave.post("/web/logout", "{}").statusCode()).isEqualTo(200);
        assertThat(dave.get("/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void theCreatorEndsTheSessionFromThePageAfterBeingToldWhatUnsavedWorkWouldBeLost() throws Exception {
        alice.navigate(server.url() + "/web/sessions/" + sessionId);
        alice.waitUntil("document.body.dataset.live === 'open'", UI);
        alice.click("#end-" + sessionId);
        alice.waitUntil("document.querySelector('#end-confirm-" + sessionId + "') !== null", UI);
        alice.screenshot(SHOTS.resolve("08-end-confirm.png"));

        // Bob's conflicted edit is not synced: the server refuses to end the session and says what would be lost.
        alice.click("#end-confirm-" + sessionId);
        alice.waitUntil("document.querySelector('#end-anyway-" + sessionId + "') !== null", UI);
        assertThat(alice.evalString("document.querySelector('#end-result-" + sessionId + "').textContent"))
                .contains("would lose", "bob");
        assertThat(alice.evalString("document.activeElement.id")).isEqualTo("end-anyway-" + sessionId);
        assertThat(alice.evalString("document.querySelector('#state').textContent")).isEqualTo("Running");
        alice.screenshot(SHOTS.resolve("09-end-unsaved-work.png"));

        alice.click("#end-anyway-" + sessionId);
        alice.waitUntil("['Terminating', 'Terminated'].includes(document.querySelector('#state').textContent)", UI);
        alice.waitUntil("document.querySelector('#state').textContent === 'Terminated'", Duration.ofSeconds(30));
        alice.screenshot(SHOTS.resolve("10-session-ended.png"));
        bob.waitUntil("document.querySelector('#s-" + sessionId + "').dataset.state === 'terminated'", UI);
    }

    // ---------------------------------------------------------------- helpers

    private static void signIn(Chromium browser, String login, boolean shoot) throws Exception {
        browser.navigate(server.url() + "/");
        github.nextUser(login);
        browser.click("#sign-in");
        browser.waitUntil("document.querySelector('#device-code').textContent === 'ABCD-1234'", UI);
        assertThat(browser.evalString("document.querySelector('#device-link').href")).startsWith(github.url());
        if (shoot) {
            browser.screenshot(SHOTS.resolve("02-sign-in-code.png"));
        }
        browser.waitUntil("document.body.dataset.page === 'sessions'", Duration.ofSeconds(60));
    }

    private static void fill(Chromium browser, String selector, String text) throws Exception {
        browser.eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + "); e.value = ''; e.focus(); })()");
        browser.type(text);
    }

    private static Run shell(String login, String script) throws Exception {
        return CliProcess.runWithInput(server.url(), tmp.resolve("config-" + login), script + "\nexit $rc\n", "join",
                "--identity", tmp.resolve("keys").resolve(login).toString(), link);
    }

    private static String axeScript() throws Exception {
        try (ZipFile jar = new ZipFile(System.getProperty("axe.jar", "target/test-tools/axe-core.jar"))) {
            var entry = jar.stream().filter(e -> e.getName().endsWith("/axe.min.js")).findFirst().orElseThrow();
            return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertNoAxeViolations(Chromium browser, String axe, String page) throws Exception {
        browser.eval(axe + "\n;true");
        JsonNode violations = browser.eval("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', "
                + "'wcag21a', 'wcag21aa', 'best-practice']}}).then(r => r.violations.map(v => ({id: v.id, help: v.help, "
                + "nodes: v.nodes.map(n => n.target.join(' '))})))");
        assertThat(violations).as("axe-core on the " + page + " page: " + violations).isEmpty();
    }

    /** Tabs through the page and checks that every visible control got the focus, and that each has a name. */
    private static void assertKeyboardReachesEveryControl(Chromium browser, String page) throws Exception {
        browser.eval("(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); "
                + "let i = 0; document.querySelectorAll('a[href], button, input, select, textarea').forEach(e => { "
                + "if (!e.dataset.k) e.dataset.k = 'k' + (i++); }); })()");
        JsonNode controls = browser.eval("[...document.querySelectorAll('a[href], button, input, select, textarea')]"
                + ".filter(e => !e.disabled && e.getClientRects().length > 0).map(e => e.dataset.k)");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < controls.size() + 5; i++) {
            browser.press("Tab", 9, false);
            String k = browser.evalString("document.activeElement && document.activeElement.dataset.k || ''");
            if (!k.isEmpty() && !reached.contains(k)) {
                reached.add(k);
            }
        }
        List<String> expected = new ArrayList<>();
        controls.forEach(c -> expected.add(c.asText()));
        assertThat(reached).as("controls reached by Tab on the " + page + " page").containsAll(expected);
        JsonNode unnamed = browser.eval("[...document.querySelectorAll('button, input, select')].filter(e => "
                + "!(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim()).map(e => e.outerHTML)");
        assertThat(unnamed).as("controls without a label on the " + page + " page").isEmpty();
    }

    /** No sideways scrolling at 200% zoom of a 1280 px window, and on a 375 px wide phone. */
    private static void fits(Chromium browser, String page) throws Exception {
        try {
            browser.viewport(640, 450, 2, false);
            assertThat(browser.evalBoolean("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as(page + " at 200% zoom").isTrue();
            browser.screenshot(SHOTS.resolve("zoom200-" + page + ".png"));
            browser.viewport(375, 812, 2, true);
            assertThat(browser.evalBoolean("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as(page + " at 375 px").isTrue();
            browser.screenshot(SHOTS.resolve("phone-" + page + ".png"));
        } finally {
            browser.viewport(1280, 900, 1, false);
        }
    }

    /** The page over plain HTTP with a cookie jar, for checks a browser would not let a page make. */
    private static final class WebClient {
        private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private String csrf;

        static WebClient signIn(String login) throws Exception {
            WebClient c = new WebClient();
            c.refreshCsrf();
            github.nextUser(login);
            JsonNode device = JSON.readTree(c.post("/auth/device", "{}").body());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long interval = Math.max(1, device.get("interval").asLong());
            while (true) {
                Thread.sleep(interval * 1000 + 200);
                HttpResponse<String> r = c.post("/web/login/poll", JSON.writeValueAsString(Map.of("device_code",
                        device.get("device_code").asText())));
                if (r.statusCode() == 200 && r.body().contains("\"complete\"")) {
                    break;
                }
                JsonNode answer = JSON.readTree(r.body());
                if (answer.has("interval") && answer.get("interval").asLong() > interval) {
                    interval = answer.get("interval").asLong();
                }
                assertThat(System.nanoTime()).as("sign-in of " + login + ": " + r.body()).isLessThan(deadline);
            }
            c.refreshCsrf();
            return c;
        }

        void refreshCsrf() throws Exception {
            Matcher m = CSRF.matcher(get("/").body());
            assertThat(m.find()).isTrue();
            csrf = m.group(1);
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws Exception {
            if (path.endsWith("/live")) {
                // A stream that is allowed never ends; only its status line matters here.
                HttpResponse<java.io.InputStream> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                r.body().close();
                return new Head(r);
            }
            return send(request(path).GET());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(request(path).header("Content-Type", "application/json").header("X-CSRF-Token", csrf == null ? "" : csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> delete(String path, boolean withCsrf) throws Exception {
            HttpRequest.Builder b = request(path).DELETE();
            if (withCsrf) {
                b.header("X-CSRF-Token", csrf);
            }
            return send(b);
        }
    }

    /** The status and headers of a streamed answer. */
    private record Head(HttpResponse<java.io.InputStream> r) implements HttpResponse<String> {
        public int statusCode() { return r.statusCode(); }
        public HttpRequest request() { return r.request(); }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return r.headers(); }
        public String body() { return ""; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return r.sslSession(); }
        public URI uri() { return r.uri(); }
        public HttpClient.Version version() { return r.version(); }
    }
}
