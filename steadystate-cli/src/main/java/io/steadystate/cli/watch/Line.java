package io.steadystate.cli.watch;

import java.util.Objects;

/**
 * One row of the dashboard: its text (never wider than the screen, no control characters) and how it is shown
 * on a terminal. Plain output uses the text only.
 */
record Line(String text, Style style) {

    /** How a terminal shows a row. */
    enum Style {
        PLAIN, TITLE, HEADING, DIM, STATUS
    }

    Line {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
    }

    static Line plain(String text) {
        return new Line(text, Style.PLAIN);
    }
}
