package io.steadystate.cli.auth;

import io.steadystate.cli.Main;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CLI talks to and where it keeps its state, from the environment:
 * {@code STEADYSTATE_BACKEND_URL} (default {@value #DEFAULT_BACKEND_URL}) and {@code STEADYSTATE_CONFIG_DIR}
 * (default: the platform's configuration folder).
 *
 * @param backendUrl the server's base URL: http or https, no trailing slash, no query
 * @param configDir  the folder that holds {@code session.json} and, without an OS credential store, the refresh token
 */
public record CliConfig(URI backendUrl, Path configDir) {

    public static final String DEFAULT_BACKEND_URL = "http://localhost:3000";
    public static final String BACKEND_URL_VARIABLE = "STEADYSTATE_BACKEND_URL";
    public static final String CONFIG_DIR_VARIABLE = "STEADYSTATE_CONFIG_DIR";

    /** The configuration of this process. */
    public static CliConfig fromEnvironment() {
        return from(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** The configuration for the given environment variables, operating system name and home folder. */
    public static CliConfig from(Map<String, String> env, String osName, Path home) {
        String url = env.get(BACKEND_URL_VARIABLE);
        URI backend = parseBackendUrl(url == null || url.isBlank() ? DEFAULT_BACKEND_URL : url.strip(),
                BACKEND_URL_VARIABLE);
        String dir = env.get(CONFIG_DIR_VARIABLE);
        Path configDir = dir == null || dir.isBlank()
                ? platformConfigDir(env, osName, home)
                : Path.of(dir.strip()).toAbsolutePath().normalize();
        return new CliConfig(backend, configDir);
    }

    /** The backend URL as text, the key under which the refresh token is kept. */
    public String backend() {
        return backendUrl.toString();
    }

    /**
     * Checks that {@code text} is an absolute http or https URL with a host and without query, fragment or
     * user info, and returns it without a trailing slash.
     *
     * @param source what the value came from, named in the error
     */
    public static URI parseBackendUrl(String text, String source) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(source, text, "it is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw invalid(source, text, "it must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(source, text, "it has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(source, text, "it must not have a query, a fragment or a user name");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw invalid(source, text, e.getReason());
        }
    }

    private static CliException invalid(String source, String text, String why) {
        return new CliException(Main.EXIT_ERROR, source + "='" + text + "' is not a valid backend URL: " + why);
    }

    /**
     * {@code $XDG_CONFIG_HOME/steadystate} or {@code ~/.config/steadystate} on Linux and other Unixes,
     * {@code ~/Library/Application Support/SteadyState} on macOS, {@code %APPDATA%\SteadyState} on Windows.
     */
    static Path platformConfigDir(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("SteadyState");
        }
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData))
                    .resolve("SteadyState");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("steadystate");
        }
        return home.resolve(".config").resolve("steadystate");
    }
}
