package io.steadystate.compute.local.internal;

import io.steadystate.api.spi.ComputeException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>A {@code file:} base ({@code file:///srv/keys}) reads {@code <folder>/<login>.keys} instead, so that
 * a development server runs with no network; the login is checked the same way, so it never leaves
 * that folder.
 */
final class GitHubKeys {

    /** GitHub's rules for a login: letters, digits and single hyphens, at most 39 characters. */
    static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A keys file larger than this is not a list of keys. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final String base;
    /** The folder of a {@code file:} base; null for HTTP. */
    private final Path folder;
    private final HttpClient http;
    private final Map<String, List<PublicKey>> cache = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException for a {@code file:} URL that names no absolute folder */
    GitHubKeys(String baseUrl) {
        String b = baseUrl == null || baseUrl.isBlank() ? "https://github.com" : baseUrl.trim();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.folder = b.regionMatches(true, 0, "file:", 0, 5) ? folder(b) : null;
        this.http = folder != null ? null
                : HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private static Path folder(String fileUrl) {
        try {
            URI uri = new URI(fileUrl);
            if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("must be file:///absolute/folder, without host, query or fragment");
            }
            return Path.of(uri).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalArgumentException("must be file:///absolute/folder, without host, query or fragment: "
                    + fileUrl, e);
        }
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
        List<PublicKey> keys = folder != null ? fromFile(login) : fromHttp(login);
        List<PublicKey> copy = List.copyOf(keys);
        cache.putIfAbsent(login, copy);
        return copy;
    }

    private List<PublicKey> fromFile(String login) throws ComputeException {
        Path file = folder.resolve(login + ".keys");
        String body;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ComputeException("there are no SSH keys for " + login + " (" + file + " does not exist)");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ComputeException(file + " is too large to be a list of SSH keys");
            }
            body = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ComputeException("could not read the SSH keys of " + login + " from " + file + ": " + e.getMessage(), e);
        }
        List<PublicKey> keys = parse(body);
        if (keys.isEmpty()) {
            throw new ComputeException(login + " has no SSH public keys (" + file + " holds none)");
        }
        return keys;
    }

    private List<PublicKey> fromHttp(String login) throws ComputeException {
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
        return keys;
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
