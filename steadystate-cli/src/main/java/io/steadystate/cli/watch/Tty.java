package io.steadystate.cli.watch;

import java.time.Duration;

/** The terminal as the live dashboard uses it; {@link DevTty} is the real one. */
interface Tty {

    /** A terminal size in character cells. */
    record Size(int columns, int rows) {
        static final Size DEFAULT = new Size(80, 24);
    }

    Size size();

    /** Raw keys (no echo, no line editing), the alternate screen, the cursor hidden. */
    void enter();

    /** Everything as it was before {@link #enter}; does nothing when not entered. Safe from a shutdown hook. */
    void leave();

    /** The bytes typed so far, waiting at most {@code wait} for the first; empty when none came. */
    byte[] read(Duration wait);

    /** Waits for one key press, with the terminal in raw mode for that time only. */
    void awaitKey();

    void write(String text);
}
