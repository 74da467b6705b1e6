package io.steadystate.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.steadystate.server.DatabaseSettings;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on the embedded H2 database, in a temporary data dir. */
class H2StoreTest extends StoreContract {

    @TempDir
    Path temp;

    Path dataDir;

    @Override
    DatabaseSettings newDatabase() {
        dataDir = temp.resolve("data");
        return DatabaseSettings.embedded(dataDir);
    }

    @Test
    void databaseFilesAreOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        store.users().upsert(OCTOCAT, T0);
        store.close();
        store = null;
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        Path db = dataDir.resolve("db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(db)) {
            List<Path> all = files.toList();
            assertThat(all).anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("steadystate"));
            for (Path f : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingLooseDatabaseDirectoryIsTightened() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        store.close();
        Path db = dataDir.resolve("db");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x"));
        store = Store.open(settings);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rwx------");
    }
}
