package io.steadystate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person in a real headless Chromium (Debian's {@code chromium}), driven over the DevTools protocol with the
 * JDK's own WebSocket client: each person gets a browser context of their own (their own cookie jar, like a
 * separate profile) in one shared browser process.
 */
final class Chromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** The browser process and the DevTools connection its people share. */
    static final class Browser implements AutoCloseable {
        private final Process process;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
        private final StringBuilder log = new StringBuilder();

        Browser(Path profile) throws Exception {
            Files.createDirectories(profile);
            ProcessBuilder pb = new ProcessBuilder(binary(), "--headless=new", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-gpu",
                    "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
                    "--no-sandbox", "--window-size=1280,900", "about:blank").redirectErrorStream(true);
            process = pb.start();
            CompletableFuture<String> endpoint = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            endpoint.complete(m.group(1));
                        }
                    }
                } catch (IOException e) {
                    endpoint.completeExceptionally(e);
                }
                endpoint.completeExceptionally(new IOException("chromium exited before it listened"));
            });
            String ws;
            try {
                ws = endpoint.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IOException("chromium did not start: " + e + "\n" + log(), e);
            }
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws), new Listener(calls))
                    .get(30, TimeUnit.SECONDS);
        }

        String log() {
            synchronized (log) {
                return log.toString();
            }
        }

        JsonNode call(String session, String method, Map<String, ?> params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode msg = JSON.createObjectNode();
            msg.put("id", id);
            msg.put("method", method);
            msg.set("params", JSON.valueToTree(params));
            if (session != null) {
                msg.put("sessionId", session);
            }
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            calls.put(id, answer);
            synchronized (socket) {
                socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
            }
            JsonNode r = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new IOException(method + " failed: " + r.get("error"));
            }
            return r.get("result");
        }

        @Override
        public void close() throws Exception {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The browser may be gone already.
            }
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private final Browser browser;
    private final String context;
    private final String pageSession;

    /** The chromium binary: {@code CHROMIUM} when set, else the one on the PATH. */
    static String binary() {
        return System.getenv().getOrDefault("CHROMIUM", "chromium");
    }

    /** A new person: a fresh browser context (no cookies) with one tab. */
    Chromium(Browser browser) throws Exception {
        this.browser = browser;
        this.context = browser.call(null, "Target.createBrowserContext", Map.of()).get("browserContextId").asText();
        String target = browser.call(null, "Target.createTarget", Map.of("url", "about:blank", "browserContextId", context))
                .get("targetId").asText();
        pageSession = browser.call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        page("Page.enable", Map.of());
        page("Runtime.enable", Map.of());
    }

    /** Lets pages of {@code origin} use the clipboard, as a person would by clicking "allow". */
    void grantClipboard(String origin) throws Exception {
        browser.call(null, "Browser.grantPermissions", Map.of("origin", origin, "browserContextId", context,
                "permissions", java.util.List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    void navigate(String url) throws Exception {
        page("Page.navigate", Map.of("url", url));
        waitFor("page loaded", () -> {
            try {
                return "complete".equals(evalString("document.readyState + ''")) && !"about:blank".equals(evalString("location.href"));
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(20));
    }

    /** Runs {@code expression} in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = page("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true, "userGesture", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("the page threw on " + expression + ": " + r.get("exceptionDetails"));
        }
        JsonNode value = r.get("result").get("value");
        return value == null ? JSON.nullNode() : value;
    }

    String evalString(String expression) throws Exception {
        JsonNode v = eval(expression);
        return v.isNull() ? null : v.asText();
    }

    boolean evalBoolean(String expression) throws Exception {
        return eval(expression).asBoolean(false);
    }

    /** Clicks the element the selector finds, as a person would (the page sees a trusted click). */
    void click(String selector) throws Exception {
        JsonNode box = eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        if (box.isNull()) {
            throw new AssertionError("nothing on the page matches " + selector);
        }
        double x = box.get("x").asDouble();
        double y = box.get("y").asDouble();
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            page("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    /** Types text into the focused element. */
    void type(String text) throws Exception {
        page("Input.insertText", Map.of("text", text));
    }

    /** Presses a key (Tab, Enter, ...) the way a keyboard does. */
    void press(String key, int keyCode, boolean shift) throws Exception {
        int modifiers = shift ? 8 : 0;
        page("Input.dispatchKeyEvent", Map.of("type", "rawKeyDown", "key", key, "code", key,
                "windowsVirtualKeyCode", keyCode, "modifiers", modifiers));
        if (key.equals("Enter")) {
            page("Input.dispatchKeyEvent", Map.of("type", "char", "text", "\r", "modifiers", modifiers));
        }
        page("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", key,
                "windowsVirtualKeyCode", keyCode, "modifiers", modifiers));
    }

    /** A viewport of {@code width} CSS pixels; a zoom of 200% on a 1280 px window is 640 CSS pixels at scale 2. */
    void viewport(int width, int height, double scale, boolean mobile) throws Exception {
        page("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", scale,
                "mobile", mobile));
    }

    void screenshot(Path file) throws Exception {
        JsonNode r = page("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** Polls {@code condition} every 25 ms until it holds; fails with {@code what} after {@code timeout}. */
    static void waitFor(String what, Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
    }

    /** Waits until {@code expression} is true in the page. */
    void waitUntil(String expression, Duration timeout) throws Exception {
        waitFor(expression, () -> {
            try {
                return evalBoolean(expression);
            } catch (Exception | AssertionError e) {
                return false;
            }
        }, timeout);
    }

    private JsonNode page(String method, Map<String, ?> params) throws Exception {
        return browser.call(pageSession, method, params);
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final Map<Integer, CompletableFuture<JsonNode>> calls;

        Listener(Map<Integer, CompletableFuture<JsonNode>> calls) {
            this.calls = calls;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode msg = JSON.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = calls.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    }
                } catch (IOException e) {
                    // Not JSON: not an answer to us.
                }
            }
            ws.request(1);
            return null;
        }
    }

    /** Closes this person's context (and with it their cookies); the browser stays. */
    @Override
    public void close() throws Exception {
        browser.call(null, "Target.disposeBrowserContext", Map.of("browserContextId", context));
    }
}
