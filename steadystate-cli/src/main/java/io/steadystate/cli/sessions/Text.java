package io.steadystate.cli.sessions;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliConfig;
import java.nio.file.Path;
import java.util.Map;

/** What the session commands share: their configuration, and server text made safe for a terminal. */
public final class Text {

    private Text() {
    }

    /** The configuration from the environment that {@link Main} runs with. */
    static CliConfig config(Main main) {
        return CliConfig.from(environment(main), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    static Map<String, String> environment(Main main) {
        return main == null ? System.getenv() : main.environment();
    }

    /**
     * {@code s} with control characters (escape sequences, carriage returns, new lines) shown as {@code ?}, so
     * that text from the server cannot move the cursor or recolour the terminal; null as {@code -}.
     */
    public static String printable(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)) {
                b.append('?');
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
