package io.steadystate.cli.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.cli.auth.SessionFile.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** session.json: round trip, 0600 file in a 0700 folder, atomic replacement. */
class SessionFileTest {

    @TempDir
    Path tmp;

    private static Session alice() {
        return new Session("h.p.s", "alice", "github", "http://localhost:3000", "2030-01-02T03:04:05Z", "file");
    }

    @Test
    void roundTrip() throws IOException {
        SessionFile f = new SessionFile(tmp.resolve("cfg"));
        assertThat(f.read()).isEmpty();
        f.write(alice());
        assertThat(f.read()).contains(alice());
        assertThat(f.read().orElseThrow().jwtExpiry()).contains(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(Files.readString(f.path())).contains("\"backend_url\"").contains("\"jwt_expires_at\"")
                .contains("\"credential_store\"").doesNotContain("refresh");
        assertThat(f.delete()).isTrue();
        assertThat(f.read()).isEmpty();
        assertThat(f.delete()).isFalse();
    }

    @Test
    void unknownExpiryIsLeftOut() throws IOException {
        SessionFile f = new SessionFile(tmp);
        f.write(alice().withJwt("x.y.z", null));
        assertThat(Files.readString(f.path())).doesNotContain("jwt_expires_at");
        assertThat(f.read().orElseThrow().jwtExpiry()).isEmpty();
    }

    @Test
    void fileIs0600InA0700Folder() throws IOException {
        Path cfg = tmp.resolve("a/b/steadystate");
        SessionFile f = new SessionFile(cfg);
        f.write(alice());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg))).isEqualTo("rwx------");
    }

    @Test
    void existingLooseFolderAndFileAreTightened() throws IOException {
        Path cfg = Files.createDirectories(tmp.resolve("loose"));
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(cfg.resolve(SessionFile.FILE_NAME), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        new SessionFile(cfg).write(alice());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void atomicWriteLeavesNoTemporaryFiles() throws IOException {
        SessionFile f = new SessionFile(tmp);
        for (int i = 0; i < 5; i++) {
            f.write(alice().withJwt("jwt-" + i, null));
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SessionFile.FILE_NAME);
        }
        assertThat(f.read().orElseThrow().jwt()).isEqualTo("jwt-4");
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("data");
        SecureFiles.writePrivate(target, "old".getBytes(UTF_8));
        // A folder in the way of the rename: the move fails after the temporary file was written.
        Path blocked = Files.createDirectories(tmp.resolve("blocked"));
        Files.writeString(blocked.resolve("inside"), "x");
        assertThatThrownBy(() -> SecureFiles.writePrivate(blocked, "new".getBytes(UTF_8))).isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data", "blocked");
        }
    }

    @Test
    void damagedFileIsAClearError() throws IOException {
        SessionFile f = new SessionFile(tmp);
        Files.writeString(f.path(), "{not json");
        assertThatThrownBy(f::read).isInstanceOf(CliException.class).hasMessageContaining("is damaged");
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(alice().toString()).doesNotContain("h.p.s");
    }
}
