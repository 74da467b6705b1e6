package io.steadystate.api;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** A session's id: lower-case letters and digits, safe in paths, branch names and URLs. */
public record SessionId(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9]{8,40}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    public SessionId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a session id is 8 to 40 lower-case letters and digits");
        }
    }

    /** A new random id (16 characters, about 82 bits). */
    public static SessionId random() {
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new SessionId(new String(c));
    }

    @Override
    public String toString() {
        return value;
    }
}
