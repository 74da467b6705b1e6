package io.steadystate.cli.auth;

import io.steadystate.cli.Main;
import java.nio.file.Path;
import java.util.Map;

/** What the login commands share. */
final class AuthCommands {

    private AuthCommands() {
    }

    /** The configuration from the environment that {@link Main} runs with. */
    static CliConfig config(Main main) {
        Map<String, String> env = main == null ? System.getenv() : main.environment();
        return CliConfig.from(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }
}
