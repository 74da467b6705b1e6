package io.steadystate.server.internal.web;

import java.time.Instant;
import java.util.Objects;

/**
 * One browser's state on the server, found by the hash of its cookie: the CSRF token its pages carry and,
 * once signed in, the JWT and refresh token that stand for the person (never sent to the browser).
 *
 * @param csrf         sent back in {@code X-CSRF-Token} with every state-changing request
 * @param signedIn     the person's tokens; null before sign-in
 * @param lastSeen     when the browser last used it, for expiry
 */
record WebSession(String csrf, Tokens signedIn, Instant lastSeen) {

    WebSession {
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** What sign-in gave: a short-lived JWT, renewed with the rotating refresh token. */
    record Tokens(String login, String jwt, String refreshToken) {
        Tokens {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(jwt, "jwt");
            Objects.requireNonNull(refreshToken, "refreshToken");
        }

        @Override
        public String toString() {
            return "Tokens[login=" + login + "]";
        }
    }

    WebSession seen(Instant at) {
        return new WebSession(csrf, signedIn, at);
    }

    WebSession withTokens(Tokens tokens) {
        return new WebSession(csrf, tokens, lastSeen);
    }

    @Override
    public String toString() {
        return "WebSession[" + (signedIn == null ? "anonymous" : signedIn.login()) + "]";
    }
}
