package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.steadystate.api.SessionId;
import io.steadystate.api.spi.ForgeCredentials;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing to an HTTPS forge on loopback that wants credentials: what the server sends (the creator's
 * token as {@code x-access-token}, and only to the forge that issued it) and how a refusal reads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublisherHttpsTest {

    static final String TOKEN = "gho_publish-token-0c1d";

    @TempDir
    Path tmp;

    HttpsServer forge;
    SSLSocketFactory previousFactory;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    Path canonical;
    Path sessionDir;
    final SessionId id = new SessionId("https1234abcd5678");

    static SSLContext serverTls;
    static SSLContext clientTls;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        // A certificate for 127.0.0.1, trusted by this JVM while each test runs.
        Path keystore = dir.resolve("forge.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "forge", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
    }

    @BeforeEach
    void start() throws Exception {
        previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(clientTls.getSocketFactory());
        forge = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        forge.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        // Every request wants credentials, and none are good enough.
        forge.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "none" : auth);
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"forge\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        forge.start();

        Path repos = Files.createDirectories(tmp.resolve("repos"));
        Path origin = repos.resolve("origin.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(origin.toFile()).call().close();
        try (Git g = Git.open(origin.toFile())) {
            // An empty commit on main, written with JGit's plumbing through a throw-away worktree-less insert.
            var repo = g.getRepository();
            try (var ins = repo.newObjectInserter()) {
                var tree = ins.insert(new org.eclipse.jgit.lib.TreeFormatter());
                var c = new org.eclipse.jgit.lib.CommitBuilder();
                c.setTreeId(tree);
                var who = new org.eclipse.jgit.lib.PersonIdent("t", "t@example.com");
                c.setAuthor(who);
                c.setCommitter(who);
                c.setMessage("first");
                var commit = ins.insert(c);
                ins.flush();
                var u = repo.updateRef("refs/heads/main");
                u.setNewObjectId(commit);
                u.update();
            }
        }
        sessionDir = Files.createDirectories(tmp.resolve("s"));
        canonical = sessionDir.resolve("canonical");
        Canonical.create(RepoSource.parse(origin.toString(), List.of(repos)), null, canonical, "steadystate/collab/" + id);
        Files.writeString(sessionDir.resolve("sync-log"), "");
    }

    @AfterEach
    void stop() {
        if (forge != null) {
            forge.stop(0);
        }
        if (previousFactory != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
        }
    }

    private Publisher.Outcome publish(ForgeCredentials credentials, String tokenHost) throws Exception {
        RepoSource remote = new RepoSource("https://127.0.0.1:" + forge.getAddress().getPort() + "/acme/app.git", null);
        return new Publisher(id, canonical, "steadystate/collab/" + id, remote, Publisher.readAlternates(canonical),
                credentials, tokenHost, tmp.resolve("data/publish"), sessionDir.resolve("sync-log"),
                new ActivityLog(sessionDir.resolve("activity-log"))).publish("alice");
    }

    @Test
    void theCreatorsTokenIsSentAsXAccessTokenAndARefusalIsAnAuthError() throws Exception {
        Publisher.Outcome outcome = publish(() -> Optional.of(TOKEN), "127.0.0.1");
        assertThat(outcome).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("auth");
            assertThat(f.message()).contains("refused the session creator's forge token").contains("steadystate login")
                    .doesNotContain(TOKEN);
        });
        String expected = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).contains(expected);
        assertThat(Files.readString(sessionDir.resolve("sync-log")) + Files.readString(sessionDir.resolve("activity-log")))
                .contains("publish-failed").doesNotContain(TOKEN);
    }

    @Test
    void withoutAStoredTokenTheCreatorIsToldToLogInAgain() throws Exception {
        Publisher.Outcome outcome = publish(ForgeCredentials.none(), "127.0.0.1");
        assertThat(outcome).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("auth");
            assertThat(f.message()).contains("holds no forge token");
        });
        assertThat(authorizations).isNotEmpty().containsOnly("none");
    }

    @Test
    void theTokenIsNeverSentToAnotherHost() throws Exception {
        Publisher.Outcome outcome = publish(() -> Optional.of(TOKEN), "github.com");
        assertThat(outcome).isInstanceOfSatisfying(Publisher.Outcome.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("auth");
            assertThat(f.message()).contains("only to github.com");
        });
        assertThat(authorizations).isNotEmpty().containsOnly("none");
    }
}
