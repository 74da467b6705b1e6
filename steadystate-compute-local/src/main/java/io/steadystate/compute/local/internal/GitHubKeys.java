package io.steadystate.compute.local.internal;

import io.steadystate.api.spi.ComputeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Public keys of GitHub users from {@code <base>/<login>.keys}, cached per login for the life of the
 * provider. Only plain {@code <type> <base64>} lines are read: options in the style of
 * {@code authorized_keys} are never interpreted.
 */
final class GitHubKeys {

    /** GitHub's rules for a login: letters, digits and single hyphens, at most 39 characters. */
    static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final HttpClient http;
    private final Map<String, List<PublicKey>> cache = new ConcurrentHashMap<>();

    GitHubKeys(String baseUrl) {
        String b = baseUrl == null || baseUrl.isBlank() ? "https://github.com" : baseUrl.trim();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static boolean validLogin(String login) {
        return login != null && LOGIN.matcher(login).matches();
    }

    /** The user's keys; fails with a reason for people when there are none or they cannot be fetched. */
    List<PublicKey> keys(String login) throws ComputeException {
        if (!validLogin(login)) {
            throw new ComputeException("'" + login + "' is not a GitHub login");
        }
        List<PublicKey> cached = cache.get(login);
        if (cached != null) {
            return cached;
        }
        URI uri = URI.create(base + "/" + login + ".keys");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ComputeException("could not fetch the SSH keys of " + login + " from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeException("interrupted while fetching the SSH keys of " + login, e);
        }
        if (response.statusCode() == 404) {
            throw new ComputeException("GitHub has no user " + login + " (" + uri + " answered 404)");
        }
        if (response.statusCode() != 200) {
            throw new ComputeException("could not fetch the SSH keys of " + login + ": " + uri + " answered "
                    + response.statusCode());
        }
        List<PublicKey> keys = parse(response.body());
        if (keys.isEmpty()) {
            throw new ComputeException(login + " has no SSH public keys on GitHub (" + uri
                    + " is empty); add one at GitHub > Settings > SSH keys");
        }
        List<PublicKey> copy = List.copyOf(keys);
        cache.putIfAbsent(login, copy);
        return copy;
    }

    static List<PublicKey> parse(String body) {
        List<PublicKey> keys = new ArrayList<>();
        for (String line : body.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split(" ");
            if (parts.length < 2 || !parts[0].matches("(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+")) {
                continue; // options or garbage: never interpreted
            }
            try {
                PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(parts[0] + " " + parts[1]);
                PublicKey key = entry.resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    keys.add(key);
                }
            } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
                // an unreadable key line is skipped
            }
        }
        return keys;
    }
}
