package io.steadystate.cli.sessions;

import static io.steadystate.cli.sessions.SshInvocationTest.KEY;
import static io.steadystate.cli.sessions.SshInvocationTest.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.cli.auth.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    @TempDir
    Path dir;

    @Test
    void aNewPinIsWrittenInOpenSshFormat() throws IOException {
        KnownHosts hosts = KnownHosts.in(dir.resolve("cfg"));
        assertThat(hosts.pin("127.0.0.1", 40022, KEY)).isEqualTo(KnownHosts.Pin.ADDED);
        assertThat(Files.readString(hosts.file())).isEqualTo("[127.0.0.1]:40022 " + KEY + "\n");
        assertThat(hosts.file()).isEqualTo(dir.resolve("cfg").resolve("known_hosts"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theFileIsPrivateAndSoIsItsFolder() throws IOException {
        KnownHosts hosts = KnownHosts.in(dir.resolve("cfg"));
        hosts.pin("127.0.0.1", 40022, KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cfg")))).isEqualTo("rwx------");
    }

    @Test
    void theSameKeyAgainChangesNothing() throws IOException {
        KnownHosts hosts = KnownHosts.in(dir);
        hosts.pin("Example.COM", 2222, KEY);
        String before = Files.readString(hosts.file());
        assertThat(hosts.pin("example.com", 2222, KEY)).isEqualTo(KnownHosts.Pin.ALREADY_PINNED);
        assertThat(Files.readString(hosts.file())).isEqualTo(before).isEqualTo("[example.com]:2222 " + KEY + "\n");
    }

    @Test
    void aChangedKeyIsRefusedAndTheFileKept() throws IOException {
        KnownHosts hosts = KnownHosts.in(dir);
        hosts.pin("127.0.0.1", 40022, KEY);
        String before = Files.readString(hosts.file());
        assertThatThrownBy(() -> hosts.pin("127.0.0.1", 40022, OTHER_KEY))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("the host key of [127.0.0.1]:40022 changed; if the session was recreated, remove its "
                        + "line from " + hosts.file());
        assertThat(Files.readString(hosts.file())).isEqualTo(before);
    }

    @Test
    void otherHostsAndPortsAreIndependent() throws IOException {
        KnownHosts hosts = KnownHosts.in(dir);
        Files.writeString(hosts.file(), "# mine\n|1|hashed|entry ssh-ed25519 AAAA\nhost.example,[127.0.0.1]:1 " + OTHER_KEY);
        assertThat(hosts.pin("127.0.0.1", 40022, KEY)).isEqualTo(KnownHosts.Pin.ADDED);
        assertThat(hosts.pin("127.0.0.2", 40022, OTHER_KEY)).isEqualTo(KnownHosts.Pin.ADDED);
        assertThat(hosts.pin("127.0.0.1", 1, OTHER_KEY)).isEqualTo(KnownHosts.Pin.ALREADY_PINNED);
        assertThatThrownBy(() -> hosts.pin("127.0.0.1", 1, KEY)).isInstanceOf(CliException.class);
        assertThat(Files.readString(hosts.file())).isEqualTo("# mine\n|1|hashed|entry ssh-ed25519 AAAA\n"
                + "host.example,[127.0.0.1]:1 " + OTHER_KEY + "\n"
                + "[127.0.0.1]:40022 " + KEY + "\n"
                + "[127.0.0.2]:40022 " + OTHER_KEY + "\n");
    }

    @Test
    void hostsAreNamedAsSshLooksThemUp() {
        assertThat(KnownHosts.hostPattern("127.0.0.1", 40022)).isEqualTo("[127.0.0.1]:40022");
        assertThat(KnownHosts.hostPattern("Box.Example", 22)).isEqualTo("box.example");
        assertThat(KnownHosts.hostPattern("[::1]", 2222)).isEqualTo("[::1]:2222");
    }

    @Test
    void keysThatCouldBreakTheLineAreRejected() {
        KnownHosts hosts = KnownHosts.in(dir);
        assertThatThrownBy(() -> hosts.pin("h", 2222, KEY + "\n[evil]:22 " + KEY)).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> hosts.pin("h", 2222, "ssh-ed25519")).isInstanceOf(CliException.class);
        assertThat(Files.exists(hosts.file())).isFalse();
    }

    @Test
    void fingerprintsAsSshKeygenShowsThem() {
        assertThat(KnownHosts.fingerprint(KEY)).isEqualTo("SHA256:JR2yFfgyb9TKeMPNcUQG/i/5tQ8EfbaTFed1twJD8lw");
    }
}
