package io.steadystate.auth.internal.provider;

import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.ProviderSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks the URLs providers talk to. */
final class Urls {

    private Urls() {
    }

    /** The base URL in setting {@code name}, or {@code fallback}; without a trailing slash. */
    static String base(ProviderSettings settings, String name, String fallback) throws AuthProviderException {
        String value = settings.get(name, fallback);
        String problem = problem(value);
        if (problem != null) {
            throw new AuthProviderException(name + " " + problem);
        }
        return stripSlash(value);
    }

    /** An endpoint that a discovery document named; {@code what} says which. */
    static URI endpoint(String value, String what) throws AuthProviderException {
        String problem = problem(value);
        if (problem != null) {
            throw new AuthProviderException(what + " " + problem);
        }
        return URI.create(value);
    }

    static String stripSlash(String value) {
        String v = value;
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    /** Why {@code value} is not usable as an endpoint, or null when it is. */
    private static String problem(String value) {
        if (value == null || value.isBlank()) {
            return "is not set";
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return "must be an http(s) URL with a host";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not contain credentials, a query or a fragment";
        }
        // Client secrets and access tokens travel on these connections.
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            return "must use https (plain http is accepted for loopback addresses only)";
        }
        return null;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
