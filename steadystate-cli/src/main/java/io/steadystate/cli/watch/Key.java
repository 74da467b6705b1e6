package io.steadystate.cli.watch;

/** A key press, as {@link KeyDecoder} reads it from the terminal. */
sealed interface Key {

    /** A printable character. */
    record Char(int codePoint) implements Key {
        @Override
        public String toString() {
            return "Char[" + Character.toString(codePoint) + "]";
        }
    }

    /** Enter or Return. */
    record Enter() implements Key {
    }

    /** Esc pressed on its own. */
    record Escape() implements Key {
    }

    /** Backspace or Delete-backwards. */
    record Backspace() implements Key {
    }

    /** Ctrl-L: draw the whole screen again. */
    record Redraw() implements Key {
    }

    /** Ctrl-C or Ctrl-D arriving as characters (the terminal does not turn them into signals). */
    record Interrupt() implements Key {
    }

    /** Anything else: arrow and function keys, other control characters. */
    record Ignored() implements Key {
    }
}
