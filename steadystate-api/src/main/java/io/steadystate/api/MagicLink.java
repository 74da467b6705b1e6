package io.steadystate.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What collaborators pass to {@code steadystate join}:
 * {@code steadystate://<mode>/<id>?ssh=<url-encoded ssh://user@host:port>&host_key=<url-encoded "ssh-ed25519 AAAA...">}.
 *
 * @param mode          collab or pair
 * @param id            the session
 * @param sshUser       the user name to log in with
 * @param sshHost       the SSH server's host
 * @param sshPort       the SSH server's port
 * @param hostPublicKey the server's host key, {@code <type> <base64>}; {@code join} pins it
 */
public record MagicLink(SessionMode mode, SessionId id, String sshUser, String sshHost, int sshPort, String hostPublicKey) {

    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern HOST_KEY = Pattern.compile("(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) [A-Za-z0-9+/]+={0,2}");

    public MagicLink {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(id, "id");
        if (sshUser == null || !USER.matcher(sshUser).matches()) {
            throw new IllegalArgumentException("the SSH user must be a plain user name");
        }
        if (sshHost == null || !HOST.matcher(sshHost).matches() || sshHost.startsWith("-")) {
            throw new IllegalArgumentException("the SSH host must be a host name or an IP address");
        }
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("the SSH port must be between 1 and 65535");
        }
        if (hostPublicKey == null || !HOST_KEY.matcher(hostPublicKey).matches()) {
            throw new IllegalArgumentException("the host key must look like 'ssh-ed25519 AAAA...'");
        }
    }

    /** The link as text. */
    @Override
    public String toString() {
        String ssh = "ssh://" + sshUser + "@" + sshHost + ":" + sshPort;
        return "steadystate://" + mode.wireName() + "/" + id.value() + "?ssh=" + encode(ssh) + "&host_key=" + encode(hostPublicKey);
    }

    /** Parses a link; anything else fails with a message that says what is wrong. */
    public static MagicLink parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the magic link is empty");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a magic link: " + e.getReason());
        }
        if (!"steadystate".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a magic link starts with steadystate://");
        }
        SessionMode mode = SessionMode.fromWire(uri.getHost());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.matches("/[a-z0-9]{8,40}")) {
            throw new IllegalArgumentException("the magic link has no session id after the mode");
        }
        SessionId id = new SessionId(path.substring(1));
        Map<String, String> query = query(uri.getRawQuery());
        String ssh = query.get("ssh");
        String hostKey = query.get("host_key");
        if (ssh == null || hostKey == null || query.size() != 2) {
            throw new IllegalArgumentException("the magic link must carry exactly 'ssh' and 'host_key'");
        }
        URI sshUri;
        try {
            sshUri = new URI(ssh);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the ssh address in the magic link is not a URL");
        }
        if (!"ssh".equals(sshUri.getScheme()) || sshUri.getUserInfo() == null || sshUri.getHost() == null
                || sshUri.getPort() < 0 || (sshUri.getRawPath() != null && !sshUri.getRawPath().isEmpty())) {
            throw new IllegalArgumentException("the ssh address must be ssh://user@host:port");
        }
        return new MagicLink(mode, id, sshUri.getUserInfo(), sshUri.getHost(), sshUri.getPort(), hostKey);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("the magic link's parameters are malformed");
            }
            String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (values.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException("the magic link repeats '" + key + "'");
            }
        }
        return values;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
