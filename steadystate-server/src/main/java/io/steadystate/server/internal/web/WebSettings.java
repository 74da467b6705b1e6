package io.steadystate.server.internal.web;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * What the page needs to know about how people reach it.
 *
 * @param secureCookies whether its cookie is marked {@code Secure}: when people reach the server over TLS (a
 *                      reverse proxy in front of it), which {@value #PUBLIC_URL} says by starting with https://
 */
public record WebSettings(boolean secureCookies) {

    public static final String PUBLIC_URL = "STEADYSTATE_PUBLIC_URL";

    public static WebSettings fromEnv(Map<String, String> env) {
        String url = env.getOrDefault(PUBLIC_URL, "").strip();
        if (url.isEmpty()) {
            return new WebSettings(false);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PUBLIC_URL + " is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(PUBLIC_URL + " must be an http:// or https:// URL");
        }
        return new WebSettings(scheme.equals("https"));
    }
}
