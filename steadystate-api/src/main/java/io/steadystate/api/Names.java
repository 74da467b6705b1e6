package io.steadystate.api;

/** Validation shared by the records of this package. */
final class Names {

    private Names() {
    }

    /** A non-blank single-line value without control characters, at most {@code max} characters. */
    static String require(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain control characters");
            }
        }
        return value;
    }
}
