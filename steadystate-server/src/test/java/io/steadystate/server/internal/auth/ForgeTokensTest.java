package io.steadystate.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.server.DatabaseSettings;
import io.steadystate.server.internal.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forge tokens sealed at rest under the data dir's key file. */
class ForgeTokensTest {

    static final Identity OCTOCAT = new Identity("github", "583231", "octocat");
    static final Identity HUBOT = new Identity("github", "480938", "hubot");
    static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

    @TempDir
    Path tmp;

    Path dataDir;
    Store store;

    @BeforeEach
    void open() {
        dataDir = tmp.resolve("data");
        store = Store.open(DatabaseSettings.embedded(dataDir));
        store.users().upsert(OCTOCAT, Instant.now());
        store.users().upsert(HUBOT, Instant.now());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTokenRoundTripsSealedAndTheKeyFileIsMadeOwnerOnlyOnFirstUse() throws Exception {
        ForgeTokens tokens = new ForgeTokens(dataDir, store.users());
        Path keyFile = dataDir.resolve("forge-token.key");
        tokens.checkKeyFile();
        assertThat(tokens.find(OCTOCAT.principal())).isEmpty();
        assertThat(keyFile).as("made on first use, not before").doesNotExist();

        tokens.save(OCTOCAT, TOKEN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(tokens.find(OCTOCAT.principal())).contains(TOKEN);
        assertThat(tokens.credentials(OCTOCAT.principal()).accessToken()).contains(TOKEN);
        String sealed = store.users().sealedForgeToken(OCTOCAT.principal()).orElseThrow();
        assertThat(sealed).startsWith("v1.").doesNotContain(TOKEN);
        // Sealing twice gives different text (a fresh nonce each time).
        tokens.save(OCTOCAT, TOKEN);
        assertThat(store.users().sealedForgeToken(OCTOCAT.principal())).get().isNotEqualTo(sealed);
        // A blank or missing token (the dev provider has none) keeps the one there.
        tokens.save(OCTOCAT, null);
        tokens.save(OCTOCAT, " ");
        assertThat(tokens.find(OCTOCAT.principal())).contains(TOKEN);

        // Another server on the same data dir reads the same key.
        assertThat(new ForgeTokens(dataDir, store.users()).find(OCTOCAT.principal())).contains(TOKEN);
        // The credentials are looked up when asked: a new login is seen at once.
        var credentials = tokens.credentials(OCTOCAT.principal());
        tokens.save(OCTOCAT, "gho_newer");
        assertThat(credentials.accessToken()).contains("gho_newer");
    }

    @Test
    void aTokenDoesNotOpenUnderAnotherKeyOrForAnotherUser() throws Exception {
        ForgeTokens tokens = new ForgeTokens(dataDir, store.users());
        tokens.save(OCTOCAT, TOKEN);
        String sealed = store.users().sealedForgeToken(OCTOCAT.principal()).orElseThrow();
        SecretKey key = new SecretKeySpec(Base64.getDecoder().decode(
                Files.readString(dataDir.resolve("forge-token.key")).strip()), "AES");
        SecretKey other = new SecretKeySpec(new byte[32], "AES");

        assertThat(ForgeTokens.open(key, OCTOCAT.principal(), sealed)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> ForgeTokens.open(other, OCTOCAT.principal(), sealed)).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> ForgeTokens.open(key, HUBOT.principal(), sealed)).isInstanceOf(AEADBadTagException.class);

        // Copied to another user's row, it does not open there.
        store.users().setSealedForgeToken(HUBOT.principal(), sealed);
        assertThat(tokens.find(HUBOT.principal())).isEmpty();
        // A replaced key file: the stored token no longer opens, and nothing breaks.
        Files.writeString(dataDir.resolve("forge-token.key"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertThat(new ForgeTokens(dataDir, store.users()).find(OCTOCAT.principal())).isEmpty();
        // Without the key file at all, likewise (and none is made by a lookup).
        Files.delete(dataDir.resolve("forge-token.key"));
        assertThat(new ForgeTokens(dataDir, store.users()).find(OCTOCAT.principal())).isEmpty();
        assertThat(dataDir.resolve("forge-token.key")).doesNotExist();
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        new ForgeTokens(dataDir, store.users()).save(OCTOCAT, TOKEN);
        Path keyFile = dataDir.resolve("forge-token.key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        ForgeTokens tokens = new ForgeTokens(dataDir, store.users());
        assertThatThrownBy(tokens::checkKeyFile).hasMessageContaining("refusing the forge token key file")
                .hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> tokens.find(OCTOCAT.principal())).hasMessageContaining("refusing");
        // Saving does not fail a login; the token is simply not kept.
        tokens.save(HUBOT, TOKEN);
        assertThat(store.users().sealedForgeToken(HUBOT.principal())).isEmpty();

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(keyFile, "too-short\n");
        assertThatThrownBy(new ForgeTokens(dataDir, store.users())::checkKeyFile)
                .hasMessageContaining("forge token key file");
    }
}
