package io.steadystate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static final Path HOME = Path.of("/home/alice");
    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

    private static Config read(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Config.fromEnv(env, HOME, () -> "build-host.example");
    }

    private static ConfigException failure(String... pairs) {
        return catchThrowableOfType(ConfigException.class, () -> read(pairs));
    }

    @Test
    void defaults() {
        Config c = read();
        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.externalHost()).isEqualTo("127.0.0.1");
        assertThat(c.dataDir()).isEqualTo(Path.of("/home/alice/.steadystate"));
        assertThat(c.database().kind()).isEqualTo(DatabaseSettings.Kind.H2);
        assertThat(c.database().jdbcUrl())
                .startsWith("jdbc:h2:file:/home/alice/.steadystate/db/steadystate;")
                .contains("AUTO_SERVER=FALSE");
        assertThat(c.database().embeddedDirectory()).isEqualTo(Path.of("/home/alice/.steadystate/db"));
        assertThat(c.jwtSecret()).isNull();
        assertThat(c.jwtTtl()).isEqualTo(Duration.ofSeconds(900));
        assertThat(c.githubClientId()).isNull();
        assertThat(c.githubClientSecret()).isNull();
        assertThat(c.githubBaseUrl()).isEqualTo(URI.create("https://github.com"));
        assertThat(c.githubApiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(c.authProviders()).containsExactly("github");
        assertThat(c.devAuth()).isFalse();
        assertThat(c.enabledAuthProviders()).containsExactly("github");
        assertThat(c.sshUser()).isEqualTo("steadystate");
        assertThat(c.allowedRepoRoots()).isEmpty();
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(c.maxBodyBytes()).isEqualTo(65536);
        assertThat(c.isLoopback()).isTrue();
    }

    @Test
    void blankValuesCountAsUnset() {
        Config c = read(Config.PORT, " ", Config.DATABASE_URL, "", Config.JWT_SECRET, "  ");
        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.database().kind()).isEqualTo(DatabaseSettings.Kind.H2);
        assertThat(c.jwtSecret()).isNull();
    }

    @Test
    void port() {
        assertThat(read(Config.PORT, "0").port()).isZero();
        assertThat(read(Config.PORT, " 8080 ").port()).isEqualTo(8080);
        assertThat(read(Config.PORT, "65535").port()).isEqualTo(65535);
        for (String bad : List.of("-1", "65536", "http", "80.5")) {
            assertThat(failure(Config.PORT, bad).problems()).singleElement().asString()
                    .startsWith("STEADYSTATE_PORT=\"" + bad + "\"").contains("0 to 65535");
        }
    }

    @Test
    void bindAddressAndLoopback() {
        assertThat(read(Config.BIND_ADDRESS, "::1").isLoopback()).isTrue();
        assertThat(read(Config.BIND_ADDRESS, "127.0.0.2").isLoopback()).isTrue();
        assertThat(read(Config.BIND_ADDRESS, "localhost").isLoopback()).isTrue();
        assertThat(read(Config.BIND_ADDRESS, "10.1.2.3").isLoopback()).isFalse();
        assertThat(read(Config.BIND_ADDRESS, "myhost.example").isLoopback()).isFalse();
        Config any = read(Config.BIND_ADDRESS, "0.0.0.0");
        assertThat(any.isLoopback()).isFalse();
        assertThat(any.isWildcardBind()).isTrue();
        assertThat(read(Config.BIND_ADDRESS, "::").isWildcardBind()).isTrue();
        for (String bad : List.of("999.1.1.1", "a b", "http://x", "-host")) {
            assertThat(failure(Config.BIND_ADDRESS, bad).problems()).singleElement().asString()
                    .startsWith("STEADYSTATE_BIND_ADDRESS=").contains("IP address");
        }
    }

    @Test
    void externalHostDefaultsToBindAddressOrHostName() {
        assertThat(read(Config.BIND_ADDRESS, "10.0.0.5").externalHost()).isEqualTo("10.0.0.5");
        assertThat(read(Config.BIND_ADDRESS, "0.0.0.0").externalHost()).isEqualTo("build-host.example");
        assertThat(read(Config.BIND_ADDRESS, "::").externalHost()).isEqualTo("build-host.example");
        assertThat(read(Config.BIND_ADDRESS, "0.0.0.0", Config.EXTERNAL_HOST, "dev.example.com").externalHost())
                .isEqualTo("dev.example.com");
        assertThat(read(Config.EXTERNAL_HOST, "[::1]").externalHost()).isEqualTo("[::1]");
        for (String bad : List.of("https://dev.example.com", "host:22", "a/b", "a b")) {
            assertThat(failure(Config.EXTERNAL_HOST, bad).problems()).singleElement().asString()
                    .startsWith("STEADYSTATE_EXTERNAL_HOST=");
        }
    }

    @Test
    void dataDir() {
        assertThat(read(Config.DATA_DIR, "/srv/ss/../steady").dataDir()).isEqualTo(Path.of("/srv/steady"));
        assertThat(read(Config.DATA_DIR, "~/state").dataDir()).isEqualTo(Path.of("/home/alice/state"));
        Config c = read(Config.DATA_DIR, "/srv/steady");
        assertThat(c.database().jdbcUrl()).startsWith("jdbc:h2:file:/srv/steady/db/steadystate;");
        assertThat(failure(Config.DATA_DIR, "relative/dir").problems()).singleElement().asString()
                .startsWith("STEADYSTATE_DATA_DIR=\"relative/dir\"").contains("absolute path");
        assertThat(failure(Config.DATA_DIR, "/srv/a;b").problems()).singleElement().asString()
                .startsWith("STEADYSTATE_DATA_DIR=").contains("without ';'");
        // with PostgreSQL the data dir is not part of a JDBC URL
        assertThat(read(Config.DATA_DIR, "/srv/a;b", Config.DATABASE_URL, "postgresql://h/db").dataDir())
                .isEqualTo(Path.of("/srv/a;b"));
    }

    @Test
    void postgresqlUrls() {
        DatabaseSettings d = read(Config.DATABASE_URL, "postgresql://ss:p%40ss%3Aw+rd@db.example:5433/steady").database();
        assertThat(d.kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/steady");
        assertThat(d.user()).isEqualTo("ss");
        assertThat(d.password()).isEqualTo("p@ss:w+rd");
        assertThat(d.embeddedDirectory()).isNull();

        d = read(Config.DATABASE_URL, "postgres://db/steady?sslmode=require").database();
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://db/steady?sslmode=require");
        assertThat(d.user()).isNull();
        assertThat(d.password()).isNull();

        d = read(Config.DATABASE_URL, "postgresql://ss@[::1]:5432/steady").database();
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/steady");
        assertThat(d.user()).isEqualTo("ss");

        d = read(Config.DATABASE_URL, "jdbc:postgresql://db:5432/steady?user=ss&password=pw").database();
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/steady?user=ss&password=pw");
        assertThat(d.toString()).doesNotContain("pw").contains("password=***");

        for (String bad : List.of("mysql://db/x", "postgresql://db", "postgresql://db/", "postgresql:///x",
                "jdbc:postgresql:", "jdbc:h2:mem:x", "postgresql://db/a/b")) {
            assertThat(failure(Config.DATABASE_URL, bad).problems()).as(bad).singleElement().asString()
                    .startsWith("STEADYSTATE_DATABASE_URL=").contains("postgresql://user:password@host:port/database");
        }
        ConfigException e = failure(Config.DATABASE_URL, "mysql://u:topsecret@db/x");
        assertThat(e.getMessage()).doesNotContain("topsecret").contains("u:***@");
    }

    @Test
    void jwtSecretAndTtl() {
        assertThat(read(Config.JWT_SECRET, SECRET).jwtSecret()).isEqualTo(SECRET);
        assertThat(read(Config.JWT_SECRET, "x".repeat(32)).jwtSecret()).hasSize(32);
        ConfigException e = failure(Config.JWT_SECRET, "short-secret");
        assertThat(e.problems()).singleElement().asString().startsWith("JWT_SECRET ").contains("at least 32 bytes");
        assertThat(e.getMessage()).doesNotContain("short-secret");
        // bytes, not characters: 11 three-byte characters are 33 bytes
        assertThat(read(Config.JWT_SECRET, "€".repeat(11)).jwtSecret()).isNotNull();

        assertThat(read(Config.JWT_TTL, "60").jwtTtl()).isEqualTo(Duration.ofMinutes(1));
        for (String bad : List.of("0", "-5", "15m", "86401")) {
            assertThat(failure(Config.JWT_TTL, bad).problems()).singleElement().asString()
                    .startsWith("STEADYSTATE_JWT_TTL=").contains("seconds");
        }
    }

    @Test
    void aFileUrlServesSshKeysFromAFolderWithoutTheGithubProvider() {
        Config c = read(Config.GITHUB_BASE_URL, "file:///srv/keys/", Config.AUTH_PROVIDERS, "dev");
        assertThat(c.githubBaseUrl()).isEqualTo(URI.create("file:///srv/keys"));
        assertThat(read(Config.GITHUB_BASE_URL, "file:/srv/keys", Config.AUTH_PROVIDERS, "dev").githubBaseUrl())
                .isEqualTo(URI.create("file:///srv/keys"));
        assertThat(failure(Config.GITHUB_BASE_URL, "file:///srv/keys", Config.GITHUB_CLIENT_ID, "Iv1.abc").problems())
                .singleElement().asString().startsWith("GITHUB_BASE_URL=").contains("STEADYSTATE_AUTH_PROVIDERS=dev");
        for (String bad : List.of("file:relative", "file://host/srv/keys", "file:///srv/keys?x=1")) {
            assertThat(failure(Config.GITHUB_BASE_URL, bad, Config.AUTH_PROVIDERS, "dev").problems()).as(bad)
                    .singleElement().asString().startsWith("GITHUB_BASE_URL=").contains("file:///folder");
        }
    }

    @Test
    void githubSettings() {
        Config c = read(Config.GITHUB_CLIENT_ID, "Iv1.abc", Config.GITHUB_CLIENT_SECRET, "gh-secret-value",
                Config.GITHUB_BASE_URL, "http://127.0.0.1:4567/", Config.GITHUB_API_URL, "https://ghe.example/api/v3");
        assertThat(c.githubClientId()).isEqualTo("Iv1.abc");
        assertThat(c.githubClientSecret()).isEqualTo("gh-secret-value");
        assertThat(c.githubBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:4567"));
        assertThat(c.githubApiUrl()).isEqualTo(URI.create("https://ghe.example/api/v3"));
        for (String bad : List.of("ftp://github.com", "github.com", "https://", "https://u:p@github.com",
                "https://github.com/?x=1", "http://bad host")) {
            assertThat(failure(Config.GITHUB_BASE_URL, bad).problems()).as(bad).singleElement().asString()
                    .startsWith("GITHUB_BASE_URL=").contains("http:// or https:// URL");
            assertThat(failure(Config.GITHUB_API_URL, bad).problems()).as(bad).singleElement().asString()
                    .startsWith("GITHUB_API_URL=");
        }
    }

    @Test
    void authProvidersAndDevAuth() {
        assertThat(read(Config.AUTH_PROVIDERS, " GitHub, gitlab,,oidc,github ").authProviders())
                .containsExactly("github", "gitlab", "oidc");
        Config dev = read(Config.DEV_AUTH, "true");
        assertThat(dev.devAuth()).isTrue();
        assertThat(dev.enabledAuthProviders()).containsExactly("github", "dev");
        assertThat(read(Config.DEV_AUTH, "1", Config.AUTH_PROVIDERS, "dev").enabledAuthProviders())
                .containsExactly("dev");
        for (String yes : List.of("TRUE", "yes", "on", "1")) {
            assertThat(read(Config.DEV_AUTH, yes).devAuth()).isTrue();
        }
        for (String no : List.of("False", "no", "off", "0")) {
            assertThat(read(Config.DEV_AUTH, no).devAuth()).isFalse();
        }
        assertThat(failure(Config.DEV_AUTH, "maybe").problems()).singleElement().asString()
                .startsWith("STEADYSTATE_DEV_AUTH=\"maybe\"").contains("true or false");
        for (String bad : List.of(",", "git hub", "9lives", "github;rm")) {
            assertThat(failure(Config.AUTH_PROVIDERS, bad).problems()).as(bad).singleElement().asString()
                    .startsWith("STEADYSTATE_AUTH_PROVIDERS=").contains("comma-separated");
        }
    }

    @Test
    void sshUser() {
        assertThat(read(Config.SSH_USER, "dev_box-1").sshUser()).isEqualTo("dev_box-1");
        for (String bad : List.of("Root", "1abc", "a b", "x".repeat(33), "a@b")) {
            assertThat(failure(Config.SSH_USER, bad).problems()).as(bad).singleElement().asString()
                    .startsWith("STEADYSTATE_SSH_USER=");
        }
    }

    @Test
    void allowedRepoRoots() {
        assertThat(read(Config.ALLOWED_REPO_ROOTS, "/srv/repos:~/code::/srv/repos/").allowedRepoRoots())
                .containsExactly(Path.of("/srv/repos"), Path.of("/home/alice/code"));
        ConfigException e = failure(Config.ALLOWED_REPO_ROOTS, "/ok:relative:also/relative");
        assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p)
                .startsWith("STEADYSTATE_ALLOWED_REPO_ROOTS=").contains("absolute paths"));
    }

    @Test
    void sessionIdleTimeout() {
        assertThat(read(Config.SESSION_IDLE_TIMEOUT, "600").sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(read(Config.SESSION_IDLE_TIMEOUT, "30m").sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(read(Config.SESSION_IDLE_TIMEOUT, "2H").sessionIdleTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(read(Config.SESSION_IDLE_TIMEOUT, "1h30m").sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(read(Config.SESSION_IDLE_TIMEOUT, "1d").sessionIdleTimeout()).isEqualTo(Duration.ofDays(1));
        assertThat(read(Config.SESSION_IDLE_TIMEOUT, "45s").sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(45));
        for (String bad : List.of("0", "0m", "-5", "2 hours", "h", "1w", "366d")) {
            assertThat(failure(Config.SESSION_IDLE_TIMEOUT, bad).problems()).as(bad).singleElement().asString()
                    .startsWith("STEADYSTATE_SESSION_IDLE_TIMEOUT=").contains("30m");
        }
    }

    @Test
    void maxBodyBytes() {
        assertThat(read(Config.MAX_BODY_BYTES, "1048576").maxBodyBytes()).isEqualTo(1048576);
        for (String bad : List.of("1023", "67108865", "1k", "-1")) {
            assertThat(failure(Config.MAX_BODY_BYTES, bad).problems()).as(bad).singleElement().asString()
                    .startsWith("STEADYSTATE_MAX_BODY_BYTES=").contains("bytes");
        }
    }

    @Test
    void everyProblemIsReportedAtOnceOneLineEach() {
        ConfigException e = failure(Config.PORT, "x", Config.BIND_ADDRESS, "not an address", Config.JWT_SECRET, "short",
                Config.JWT_TTL, "forever", Config.GITHUB_API_URL, "nope", Config.DEV_AUTH, "perhaps",
                Config.SESSION_IDLE_TIMEOUT, "soon", Config.MAX_BODY_BYTES, "big", Config.SSH_USER, "Bad User",
                Config.DATABASE_URL, "oracle://x", Config.DATA_DIR, "rel");
        assertThat(e.problems()).hasSize(11);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_PORT="))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_BIND_ADDRESS="))
                .anySatisfy(p -> assertThat(p).startsWith("JWT_SECRET "))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_JWT_TTL="))
                .anySatisfy(p -> assertThat(p).startsWith("GITHUB_API_URL="))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_DEV_AUTH="))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_SESSION_IDLE_TIMEOUT="))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_MAX_BODY_BYTES="))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_SSH_USER="))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_DATABASE_URL="))
                .anySatisfy(p -> assertThat(p).startsWith("STEADYSTATE_DATA_DIR="));
        String[] lines = e.getMessage().split("\\R");
        assertThat(lines).hasSize(12);
        assertThat(lines[0]).contains("11 problems");
        assertThat(e.getMessage()).doesNotContain("short\"");
    }

    @Test
    void toStringHidesSecrets() {
        Config c = read(Config.JWT_SECRET, SECRET, Config.GITHUB_CLIENT_SECRET, "gh-client-secret-1",
                Config.DATABASE_URL, "postgresql://ss:db-password-2@db/steady", "GITLAB_CLIENT_SECRET", "gl-secret-3",
                Config.GITHUB_CLIENT_ID, "Iv1.public");
        String s = c.toString();
        assertThat(s).doesNotContain(SECRET, "gh-client-secret-1", "db-password-2", "gl-secret-3")
                .contains("Iv1.public", "jdbc:postgresql://db/steady", "user=ss", "GITLAB_CLIENT_SECRET");
        assertThat(c.database().toString()).doesNotContain("db-password-2");
        assertThat(read().toString()).contains("jwtSecret=(generated)");
    }

    @Test
    void providerValues() {
        Config c = read(Config.GITHUB_CLIENT_ID, "Iv1.abc", Config.GITHUB_CLIENT_SECRET, "s3cret",
                Config.GITHUB_BASE_URL, "http://127.0.0.1:9/", Config.AUTH_PROVIDERS, "github,oidc",
                Config.DEV_AUTH, "yes", "OIDC_ISSUER", "https://id.example", "GITLAB_CLIENT_ID", "gl",
                "UNRELATED", "x", "STEADYSTATE_PORT", "4000");
        assertThat(c.providerValues()).containsOnly(
                Map.entry("GITHUB_CLIENT_ID", "Iv1.abc"),
                Map.entry("GITHUB_CLIENT_SECRET", "s3cret"),
                Map.entry("GITHUB_BASE_URL", "http://127.0.0.1:9"),
                Map.entry("GITHUB_API_URL", "https://api.github.com"),
                Map.entry("STEADYSTATE_AUTH_PROVIDERS", "github,oidc"),
                Map.entry("STEADYSTATE_DEV_AUTH", "true"),
                Map.entry("OIDC_ISSUER", "https://id.example"),
                Map.entry("GITLAB_CLIENT_ID", "gl"));
        assertThat(c.providerSettings().loopbackOnly()).isTrue();
        assertThat(c.providerSettings().get("GITHUB_CLIENT_ID")).contains("Iv1.abc");
        assertThat(read().providerValues()).doesNotContainKeys("GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET");
    }

    @Test
    void fromTheProcessEnvironment() {
        // The build's own environment holds no broken server settings.
        assertThat(Config.fromEnv(Map.of()).dataDir()).isAbsolute();
    }
}
