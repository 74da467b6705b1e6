package io.steadystate.server.internal.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.steadystate.server.DatabaseSettings;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store on a real PostgreSQL, started for this class in a temporary directory (see {@link PostgresCluster});
 * skipped when PostgreSQL is not installed. Every test gets a database of its own.
 */
class PostgresStoreTest extends StoreContract {

    private static PostgresCluster cluster;

    @BeforeAll
    static void startPostgres() throws Exception {
        Optional<String> unavailable = PostgresCluster.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "PostgreSQL tests skipped: " + unavailable.orElse("")
                + " (Debian: apt-get install postgresql)");
        cluster = PostgresCluster.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    DatabaseSettings newDatabase() throws Exception {
        return cluster.newDatabase();
    }
}
