package io.steadystate.server;

import io.steadystate.api.spi.ProviderSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's configuration, read from environment variables. {@link #fromEnv(Map)} checks every
 * variable and reports all problems at once in one {@link ConfigException}.
 *
 * @param port               {@code STEADYSTATE_PORT}: the REST port; 0 picks a free one
 * @param bindAddress        {@code STEADYSTATE_BIND_ADDRESS}: where the REST and the sessions' SSH servers listen
 * @param externalHost       {@code STEADYSTATE_EXTERNAL_HOST}: the host put in magic links
 * @param dataDir            {@code STEADYSTATE_DATA_DIR}: sessions, keys and the embedded database
 * @param database           {@code STEADYSTATE_DATABASE_URL}: embedded H2 in the data dir, or PostgreSQL
 * @param jwtSecret          {@code JWT_SECRET}: an HMAC secret of at least 32 bytes, or null for a generated key
 * @param jwtTtl             {@code STEADYSTATE_JWT_TTL}: how long an access token lives
 * @param githubClientId     {@code GITHUB_CLIENT_ID}, or null
 * @param githubClientSecret {@code GITHUB_CLIENT_SECRET}, or null
 * @param githubBaseUrl      {@code GITHUB_BASE_URL}, without a trailing slash; or a {@code file:} URL of a folder
 *                           of {@code <login>.keys} files (SSH keys without a network; not with the github provider)
 * @param githubApiUrl       {@code GITHUB_API_URL}, without a trailing slash
 * @param authProviders      {@code STEADYSTATE_AUTH_PROVIDERS}: the identity providers to enable, in order
 * @param devAuth            {@code STEADYSTATE_DEV_AUTH}: whether the development identity provider is on
 * @param sshUser            {@code STEADYSTATE_SSH_USER}: the user name in the sessions' SSH endpoints
 * @param allowedRepoRoots   {@code STEADYSTATE_ALLOWED_REPO_ROOTS}: local folders sessions may clone from
 * @param sessionIdleTimeout {@code STEADYSTATE_SESSION_IDLE_TIMEOUT}: when an idle session is reaped
 * @param maxBodyBytes       {@code STEADYSTATE_MAX_BODY_BYTES}: the largest request body the server reads
 * @param extraProviderValues further identity-provider settings passed through as they are
 *                           ({@code GITLAB_*}, {@code OIDC_*}); see {@link #providerValues()}
 */
public record Config(int port, String bindAddress, String externalHost, Path dataDir, DatabaseSettings database,
        String jwtSecret, Duration jwtTtl, String githubClientId, String githubClientSecret, URI githubBaseUrl,
        URI githubApiUrl, List<String> authProviders, boolean devAuth, String sshUser, List<Path> allowedRepoRoots,
        Duration sessionIdleTimeout, int maxBodyBytes, Map<String, String> extraProviderValues) {

    public static final String PORT = "STEADYSTATE_PORT";
    public static final String BIND_ADDRESS = "STEADYSTATE_BIND_ADDRESS";
    public static final String EXTERNAL_HOST = "STEADYSTATE_EXTERNAL_HOST";
    public static final String DATA_DIR = "STEADYSTATE_DATA_DIR";
    public static final String DATABASE_URL = "STEADYSTATE_DATABASE_URL";
    public static final String JWT_SECRET = "JWT_SECRET";
    public static final String JWT_TTL = "STEADYSTATE_JWT_TTL";
    public static final String GITHUB_CLIENT_ID = "GITHUB_CLIENT_ID";
    public static final String GITHUB_CLIENT_SECRET = "GITHUB_CLIENT_SECRET";
    public static final String GITHUB_BASE_URL = "GITHUB_BASE_URL";
    public static final String GITHUB_API_URL = "GITHUB_API_URL";
    public static final String AUTH_PROVIDERS = "STEADYSTATE_AUTH_PROVIDERS";
    public static final String DEV_AUTH = "STEADYSTATE_DEV_AUTH";
    public static final String SSH_USER = "STEADYSTATE_SSH_USER";
    public static final String ALLOWED_REPO_ROOTS = "STEADYSTATE_ALLOWED_REPO_ROOTS";
    public static final String SESSION_IDLE_TIMEOUT = "STEADYSTATE_SESSION_IDLE_TIMEOUT";
    public static final String MAX_BODY_BYTES = "STEADYSTATE_MAX_BODY_BYTES";

    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Duration DEFAULT_JWT_TTL = Duration.ofSeconds(900);
    public static final URI DEFAULT_GITHUB_BASE_URL = URI.create("https://github.com");
    public static final URI DEFAULT_GITHUB_API_URL = URI.create("https://api.github.com");
    public static final List<String> DEFAULT_AUTH_PROVIDERS = List.of("github");
    public static final String DEFAULT_SSH_USER = "steadystate";
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofHours(2);
    public static final int DEFAULT_MAX_BODY_BYTES = 65536;
    /** The fewest bytes {@code JWT_SECRET} must have (HS256 wants a key as long as its hash). */
    public static final int MIN_JWT_SECRET_BYTES = 32;

    static final long MAX_JWT_TTL_SECONDS = 86_400;
    static final int MIN_BODY_BYTES = 1024;
    static final int MAX_BODY_BYTES_LIMIT = 64 * 1024 * 1024;
    static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(365);

    /** Prefixes of further identity-provider variables passed through to provider factories. */
    static final List<String> PROVIDER_PREFIXES = List.of("GITLAB_", "OIDC_");

    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern SSH_USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})([smhd])");

    public Config {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(externalHost, "externalHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(jwtTtl, "jwtTtl");
        Objects.requireNonNull(githubBaseUrl, "githubBaseUrl");
        Objects.requireNonNull(githubApiUrl, "githubApiUrl");
        authProviders = List.copyOf(authProviders);
        Objects.requireNonNull(sshUser, "sshUser");
        allowedRepoRoots = List.copyOf(allowedRepoRoots);
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        extraProviderValues = Map.copyOf(extraProviderValues == null ? Map.of() : extraProviderValues);
    }

    /** Reads the process environment; see {@link #fromEnv(Map)}. */
    public static Config fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Reads the configuration from environment variables. Blank values count as unset.
     *
     * @throws ConfigException listing every problem, one line per rule broken
     */
    public static Config fromEnv(Map<String, String> env) {
        return fromEnv(env, Path.of(System.getProperty("user.home")), Config::localHostName);
    }

    /** As {@link #fromEnv(Map)}, with the home directory and the machine's host name given (for tests). */
    static Config fromEnv(Map<String, String> env, Path home, Supplier<String> hostName) {
        Reader r = new Reader(env);

        int port = r.integer(PORT, DEFAULT_PORT, 0, 65535, "an integer from 0 to 65535 (0 picks a free port)");

        String bindAddress = r.get(BIND_ADDRESS);
        if (bindAddress == null) {
            bindAddress = DEFAULT_BIND_ADDRESS;
        } else if (!isIpLiteral(bindAddress) && !isHostName(bindAddress)) {
            r.problem(BIND_ADDRESS, bindAddress, "an IP address (127.0.0.1, ::1, 0.0.0.0) or a host name");
            bindAddress = DEFAULT_BIND_ADDRESS;
        }

        String externalHost = r.get(EXTERNAL_HOST);
        if (externalHost == null) {
            externalHost = isWildcard(bindAddress) ? hostName.get() : bindAddress;
        } else if (!isIpLiteral(unbracket(externalHost)) && !isHostName(externalHost)) {
            r.problem(EXTERNAL_HOST, externalHost, "a host name or an IP address, without scheme, port or path");
        }

        Path dataDir = r.path(DATA_DIR, home, home.resolve(".steadystate"));

        DatabaseSettings database = r.database(dataDir);

        String jwtSecret = r.getRaw(JWT_SECRET);
        if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            r.problemHidden(JWT_SECRET, "is " + jwtSecret.getBytes(StandardCharsets.UTF_8).length
                    + " bytes long; accepted: at least " + MIN_JWT_SECRET_BYTES
                    + " bytes (for example the output of `openssl rand -base64 48`), or unset to use a generated key");
        }

        Duration jwtTtl = Duration.ofSeconds(r.integer(JWT_TTL, DEFAULT_JWT_TTL.toSeconds(), 1, MAX_JWT_TTL_SECONDS,
                "a number of seconds from 1 to " + MAX_JWT_TTL_SECONDS));

        String githubClientId = r.get(GITHUB_CLIENT_ID);
        String githubClientSecret = r.getRaw(GITHUB_CLIENT_SECRET);
        URI githubBaseUrl = r.keysUrl(GITHUB_BASE_URL, DEFAULT_GITHUB_BASE_URL);
        URI githubApiUrl = r.httpUrl(GITHUB_API_URL, DEFAULT_GITHUB_API_URL);

        List<String> authProviders = r.providers();
        boolean devAuth = r.bool(DEV_AUTH, false);
        if ("file".equals(githubBaseUrl.getScheme()) && authProviders.contains("github")) {
            r.problem(GITHUB_BASE_URL, githubBaseUrl.toString(), "an http:// or https:// URL while the github provider"
                    + " is on; a file: URL (SSH keys from a folder) goes with STEADYSTATE_AUTH_PROVIDERS=dev");
        }

        String sshUser = r.get(SSH_USER);
        if (sshUser == null) {
            sshUser = DEFAULT_SSH_USER;
        } else if (!SSH_USER_NAME.matcher(sshUser).matches()) {
            r.problem(SSH_USER, sshUser, "a user name of lower-case letters, digits, '_' and '-', "
                    + "starting with a letter or '_', at most 32 characters");
        }

        List<Path> roots = r.repoRoots(home);
        Duration idle = r.duration(SESSION_IDLE_TIMEOUT, DEFAULT_SESSION_IDLE_TIMEOUT);
        int maxBody = r.integer(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, MIN_BODY_BYTES, MAX_BODY_BYTES_LIMIT,
                "a number of bytes from " + MIN_BODY_BYTES + " to " + MAX_BODY_BYTES_LIMIT);

        Map<String, String> extra = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank() && PROVIDER_PREFIXES.stream().anyMatch(k::startsWith)) {
                extra.put(k, v.strip());
            }
        });

        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        return new Config(port, bindAddress, externalHost, dataDir, database, jwtSecret, jwtTtl, githubClientId,
                githubClientSecret, githubBaseUrl, githubApiUrl, authProviders, devAuth, sshUser, roots, idle,
                maxBody, extra);
    }

    /**
     * Whether the server listens on a loopback address only ({@code 127.0.0.0/8}, {@code ::1} or
     * {@code localhost}). A host name other than {@code localhost} counts as not loopback.
     */
    public boolean isLoopback() {
        if (bindAddress.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isIpLiteral(bindAddress)) {
            return false;
        }
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether the server listens on every interface ({@code 0.0.0.0} or {@code ::}). */
    public boolean isWildcardBind() {
        return isWildcard(bindAddress);
    }

    /** The identity providers to offer: {@link #authProviders()}, plus {@code dev} when {@link #devAuth()} is on. */
    public List<String> enabledAuthProviders() {
        if (!devAuth || authProviders.contains("dev")) {
            return authProviders;
        }
        List<String> all = new ArrayList<>(authProviders);
        all.add("dev");
        return List.copyOf(all);
    }

    /**
     * The settings identity-provider factories read, by their variable names: the GitHub client and
     * URLs, {@code STEADYSTATE_AUTH_PROVIDERS}, {@code STEADYSTATE_DEV_AUTH}, and any {@code GITLAB_*} or
     * {@code OIDC_*} variable. Contains secrets: never log it.
     */
    public Map<String, String> providerValues() {
        Map<String, String> values = new LinkedHashMap<>(extraProviderValues);
        if (githubClientId != null) {
            values.put(GITHUB_CLIENT_ID, githubClientId);
        }
        if (githubClientSecret != null) {
            values.put(GITHUB_CLIENT_SECRET, githubClientSecret);
        }
        values.put(GITHUB_BASE_URL, githubBaseUrl.toString());
        values.put(GITHUB_API_URL, githubApiUrl.toString());
        values.put(AUTH_PROVIDERS, String.join(",", authProviders));
        values.put(DEV_AUTH, Boolean.toString(devAuth));
        return Map.copyOf(values);
    }

    /** {@link #providerValues()} as the auth SPI takes them, for the operating-system user running the server. */
    public ProviderSettings providerSettings() {
        return new ProviderSettings(providerValues(), isLoopback(), System.getProperty("user.name", "unknown"));
    }

    /** Every setting, with secrets (JWT secret, client secrets, database password) masked. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Config[");
        sb.append("port=").append(port)
                .append(", bindAddress=").append(bindAddress)
                .append(", externalHost=").append(externalHost)
                .append(", dataDir=").append(dataDir)
                .append(", database=").append(database)
                .append(", jwtSecret=").append(jwtSecret == null ? "(generated)" : "***")
                .append(", jwtTtl=").append(jwtTtl)
                .append(", githubClientId=").append(githubClientId)
                .append(", githubClientSecret=").append(githubClientSecret == null ? "null" : "***")
                .append(", githubBaseUrl=").append(githubBaseUrl)
                .append(", githubApiUrl=").append(githubApiUrl)
                .append(", authProviders=").append(authProviders)
                .append(", devAuth=").append(devAuth)
                .append(", sshUser=").append(sshUser)
                .append(", allowedRepoRoots=").append(allowedRepoRoots)
                .append(", sessionIdleTimeout=").append(sessionIdleTimeout)
                .append(", maxBodyBytes=").append(maxBodyBytes)
                .append(", extraProviderValues=").append(extraProviderValues.keySet()).append(" (values hidden)")
                .append(']');
        return sb.toString();
    }

    static boolean isIpLiteral(String s) {
        if (IPV4.matcher(s).matches()) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
            try {
                InetAddress.getByName(s); // a literal: no name lookup
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** A DNS name; a dotted quad that is no IPv4 address ({@code 999.1.1.1}) is not one either. */
    static boolean isHostName(String s) {
        return HOST_NAME.matcher(s).matches() && !s.matches("[0-9.]+");
    }

    private static boolean isWildcard(String address) {
        if (!isIpLiteral(address)) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Reads variables and collects problems. */
    private static final class Reader {
        private final Map<String, String> env;
        final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
        }

        /** The stripped value, or null when unset or blank. */
        String get(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.strip();
        }

        /** The value as it is (secrets may have meaningful spaces), or null when unset or blank. */
        String getRaw(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v;
        }

        void problem(String name, String value, String accepted) {
            problems.add(name + "=" + quote(value) + " is not valid; accepted: " + accepted);
        }

        void problemHidden(String name, String what) {
            problems.add(name + " " + what);
        }

        long integer(String name, long fallback, long min, long max, String accepted) {
            String v = get(name);
            if (v == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(name, v, accepted);
            return fallback;
        }

        int integer(String name, int fallback, int min, int max, String accepted) {
            return (int) integer(name, (long) fallback, (long) min, (long) max, accepted);
        }

        boolean bool(String name, boolean fallback) {
            String v = get(name);
            if (v == null) {
                return fallback;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on":
                    return true;
                case "false", "0", "no", "off":
                    return false;
                default:
                    problem(name, v, "true or false (also 1/0, yes/no, on/off)");
                    return fallback;
            }
        }

        Path path(String name, Path home, Path fallback) {
            String v = get(name);
            if (v == null) {
                return fallback.toAbsolutePath().normalize();
            }
            Path p = toAbsolutePath(v, home);
            if (p == null) {
                problem(name, v, "an absolute path (or one starting with ~/)");
                return fallback.toAbsolutePath().normalize();
            }
            return p;
        }

        DatabaseSettings database(Path dataDir) {
            String v = get(DATABASE_URL);
            String accepted = "empty for the embedded database in the data dir, "
                    + "postgresql://user:password@host:port/database, or jdbc:postgresql://host:port/database";
            if (v == null) {
                if (dataDir.toString().indexOf(';') >= 0) {
                    problems.add(DATA_DIR + "=" + quote(dataDir.toString())
                            + " is not valid for the embedded database; accepted: a path without ';'");
                }
                return DatabaseSettings.embedded(dataDir);
            }
            if (v.startsWith("jdbc:postgresql:")) {
                if (v.length() > "jdbc:postgresql:".length()) {
                    return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, v, null, null);
                }
            } else if (v.startsWith("postgresql://") || v.startsWith("postgres://")) {
                DatabaseSettings s = postgresUri(v);
                if (s != null) {
                    return s;
                }
            }
            problem(DATABASE_URL, redactUrl(v), accepted);
            return DatabaseSettings.embedded(dataDir);
        }

        /** {@code postgresql://user:password@host:port/database?options}, with percent-encoded user and password. */
        private static DatabaseSettings postgresUri(String v) {
            URI uri;
            try {
                uri = new URI(v);
            } catch (URISyntaxException e) {
                return null;
            }
            String host = uri.getHost();
            String path = uri.getRawPath();
            if (host == null || path == null || path.length() <= 1 || path.indexOf('/', 1) >= 0
                    || uri.getRawFragment() != null) {
                return null;
            }
            String user = null;
            String password = null;
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
                if (user == null || (colon >= 0 && password == null)) {
                    return null;
                }
                if (user.isEmpty()) {
                    user = null;
                }
            }
            String url = "jdbc:postgresql://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, url, user, password);
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        URI httpUrl(String name, URI fallback) {
            String v = get(name);
            if (v == null) {
                return fallback;
            }
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                        && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    String s = uri.toString();
                    while (s.endsWith("/")) {
                        s = s.substring(0, s.length() - 1);
                    }
                    return URI.create(s);
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            problem(name, v, "an http:// or https:// URL with a host, without user, query or fragment");
            return fallback;
        }

        /**
         * {@link #httpUrl}, or a {@code file:} URL of an absolute folder: where sessions read
         * {@code <login>.keys} without a network (development servers).
         */
        URI keysUrl(String name, URI fallback) {
            String v = get(name);
            if (v == null || !v.regionMatches(true, 0, "file:", 0, 5)) {
                return httpUrl(name, fallback);
            }
            try {
                URI uri = new URI(v);
                if ((uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) && uri.getRawQuery() == null
                        && uri.getRawFragment() == null && uri.getPath() != null && uri.getPath().startsWith("/")) {
                    return new URI("file", null, Path.of(uri.getPath()).normalize().toString(), null);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // reported below
            }
            problem(name, v, "an http:// or https:// URL with a host, without user, query or fragment,"
                    + " or file:///folder holding <login>.keys files");
            return fallback;
        }

        List<String> providers() {
            String v = get(AUTH_PROVIDERS);
            if (v == null) {
                return DEFAULT_AUTH_PROVIDERS;
            }
            LinkedHashSet<String> names = new LinkedHashSet<>();
            boolean ok = true;
            for (String part : v.split(",", -1)) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (!PROVIDER_NAME.matcher(name).matches()) {
                    ok = false;
                }
                names.add(name);
            }
            if (!ok || names.isEmpty()) {
                problem(AUTH_PROVIDERS, v, "a comma-separated list of provider names (github, gitlab, oidc, dev, ...), "
                        + "each a lower-case letter followed by letters, digits, '_' or '-'");
                return DEFAULT_AUTH_PROVIDERS;
            }
            return List.copyOf(names);
        }

        List<Path> repoRoots(Path home) {
            String v = get(ALLOWED_REPO_ROOTS);
            if (v == null) {
                return List.of();
            }
            LinkedHashSet<Path> roots = new LinkedHashSet<>();
            for (String part : v.split(":", -1)) {
                String s = part.strip();
                if (s.isEmpty()) {
                    continue;
                }
                Path p = toAbsolutePath(s, home);
                if (p == null) {
                    problem(ALLOWED_REPO_ROOTS, s, "colon-separated absolute paths (each may start with ~/)");
                } else {
                    roots.add(p);
                }
            }
            return List.copyOf(roots);
        }

        Duration duration(String name, Duration fallback) {
            String v = get(name);
            if (v == null) {
                return fallback;
            }
            String accepted = "a positive number of seconds, or a duration such as 90s, 30m, 2h, 1d or 1h30m, "
                    + "at most 365d";
            String s = v.toLowerCase(Locale.ROOT);
            Duration d = Duration.ZERO;
            if (s.matches("\\d{1,12}")) {
                d = Duration.ofSeconds(Long.parseLong(s));
            } else if (s.matches("(\\d{1,9}[smhd])+")) {
                Matcher m = DURATION_PART.matcher(s);
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    d = d.plus(switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
                }
            } else {
                problem(name, v, accepted);
                return fallback;
            }
            if (d.isZero() || d.compareTo(MAX_IDLE_TIMEOUT) > 0) {
                problem(name, v, accepted);
                return fallback;
            }
            return d;
        }

        private static Path toAbsolutePath(String v, Path home) {
            String s = v;
            try {
                Path p;
                if (s.equals("~")) {
                    p = home;
                } else if (s.startsWith("~/")) {
                    p = home.resolve(s.substring(2));
                } else {
                    p = Path.of(s);
                }
                return p.isAbsolute() ? p.normalize() : null;
            } catch (InvalidPathException e) {
                return null;
            }
        }

        private static String quote(String value) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < value.length() && i < 200; i++) {
                char c = value.charAt(i);
                sb.append(Character.isISOControl(c) ? '?' : c);
            }
            return sb.append(value.length() > 200 ? "...\"" : "\"").toString();
        }

        private static String redactUrl(String v) {
            return v.replaceAll("(?<=://)([^:/@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
        }
    }
}
