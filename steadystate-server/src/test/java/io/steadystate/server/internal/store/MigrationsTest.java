package io.steadystate.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void versionsCountUpFromOneWithoutGaps() {
        assertThat(Database.MIGRATIONS).extracting(Database.Migration::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, Database.MIGRATIONS.size()).boxed().toList());
    }

    @Test
    void everyMigrationResourceIsListedAndReadable() throws Exception {
        Path dir = migrationDir();
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(
                Database.MIGRATIONS.stream().map(m -> Path.of(m.resource()).getFileName().toString()).toList());
        for (Database.Migration m : Database.MIGRATIONS) {
            assertThat(Database.statements(m)).isNotEmpty()
                    .allSatisfy(sql -> assertThat(sql).doesNotEndWith(";").doesNotStartWith("--"));
        }
    }

    @Test
    void statementsAreSplitAtLineEndingSemicolons() {
        List<String> statements = Database.statements(Database.MIGRATIONS.get(0));
        assertThat(statements).anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS users ("))
                .anySatisfy(s -> assertThat(s).isEqualTo("CREATE INDEX IF NOT EXISTS users_login ON users (login)"));
    }

    private static Path migrationDir() throws URISyntaxException {
        return Path.of(Database.class.getResource("/db/migration/V1__init.sql").toURI()).getParent();
    }
}
