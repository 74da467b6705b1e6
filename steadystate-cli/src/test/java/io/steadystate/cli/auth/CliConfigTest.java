package io.steadystate.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliConfigTest {

    private static final Path HOME = Path.of("/home/alice");

    @Test
    void defaults() {
        CliConfig c = CliConfig.from(Map.of(), "Linux", HOME);
        assertThat(c.backendUrl()).isEqualTo(URI.create("http://localhost:3000"));
        assertThat(c.configDir()).isEqualTo(Path.of("/home/alice/.config/steadystate"));
    }

    @Test
    void platformConfigFolders() {
        assertThat(CliConfig.from(Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", HOME).configDir())
                .isEqualTo(Path.of("/xdg/steadystate"));
        assertThat(CliConfig.from(Map.of("XDG_CONFIG_HOME", "relative"), "Linux", HOME).configDir())
                .isEqualTo(Path.of("/home/alice/.config/steadystate"));
        assertThat(CliConfig.from(Map.of("XDG_CONFIG_HOME", "/xdg"), "Mac OS X", HOME).configDir())
                .isEqualTo(Path.of("/home/alice/Library/Application Support/SteadyState"));
        assertThat(CliConfig.from(Map.of("STEADYSTATE_CONFIG_DIR", "/etc/ss", "XDG_CONFIG_HOME", "/xdg"), "Linux", HOME)
                .configDir()).isEqualTo(Path.of("/etc/ss"));
    }

    @Test
    void backendUrlIsNormalised() {
        CliConfig c = CliConfig.from(Map.of("STEADYSTATE_BACKEND_URL", " HTTPS://ss.example.com:8443/api/ "), "Linux", HOME);
        assertThat(c.backend()).isEqualTo("https://ss.example.com:8443/api");
    }

    @Test
    void backendUrlMustBeHttpOrHttps() {
        for (String bad : new String[] {"ftp://x", "localhost:3000", "http://", "http://h/?a=b", "http://u:p@h", "::"}) {
            assertThatThrownBy(() -> CliConfig.from(Map.of("STEADYSTATE_BACKEND_URL", bad), "Linux", HOME))
                    .as(bad)
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("STEADYSTATE_BACKEND_URL='" + bad + "' is not a valid backend URL")
                    .extracting(e -> ((CliException) e).exitCode()).isEqualTo(255);
        }
    }
}
