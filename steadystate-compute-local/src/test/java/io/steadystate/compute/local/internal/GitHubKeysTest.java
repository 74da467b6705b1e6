package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.spi.ComputeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from a {@code file:} base: {@code <folder>/<login>.keys}, for servers with no network. */
class GitHubKeysTest {

    @TempDir
    Path tmp;

    @Test
    void aFileBaseReadsTheLoginsKeysFile() throws Exception {
        KeyPair pair = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        Files.writeString(keys.resolve("alice.keys"), "# a comment\n" + PublicKeyEntry.toString(pair.getPublic()) + " alice@laptop\n");
        Files.writeString(keys.resolve("carol.keys"), "command=\"rm -rf /\" not-a-key\n");
        for (String base : new String[] {keys.toUri().toString(), "file:" + keys, "file://" + keys + "/"}) {
            GitHubKeys github = new GitHubKeys(base);
            assertThat(github.keys("alice")).as(base).singleElement()
                    .satisfies(k -> assertThat(KeyUtils.compareKeys(k, pair.getPublic())).isTrue());
            assertThatThrownBy(() -> github.keys("bob")).isInstanceOf(ComputeException.class)
                    .hasMessageContaining("no SSH keys for bob").hasMessageContaining("bob.keys");
            assertThatThrownBy(() -> github.keys("carol")).isInstanceOf(ComputeException.class)
                    .hasMessageContaining("carol has no SSH public keys");
            // The login is checked before it becomes a file name.
            assertThatThrownBy(() -> github.keys("../keys/alice")).isInstanceOf(ComputeException.class)
                    .hasMessageContaining("not a GitHub login");
        }
    }

    @Test
    void aFileBaseMustNameAnAbsoluteFolder() {
        for (String bad : new String[] {"file:relative/keys", "file://host/keys", "file:///keys?x=1"}) {
            assertThatThrownBy(() -> new GitHubKeys(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("file:///absolute/folder");
        }
    }
}
