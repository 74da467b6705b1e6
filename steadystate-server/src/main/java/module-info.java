/**
 * The reference SteadyState server: REST on the JDK's HTTP server ({@link io.steadystate.server.ServerMain}),
 * configuration from the environment ({@link io.steadystate.server.Config}), and persistence on an
 * embedded H2 database or PostgreSQL (in the non-exported {@code io.steadystate.server.internal.store} package).
 */
module io.steadystate.server {
    requires transitive io.steadystate.api;
    requires io.steadystate.auth;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires java.sql;
    requires com.zaxxer.hikari;
    // JDBC drivers: automatic modules, found by DriverManager's ServiceLoader once they are in the graph.
    requires com.h2database;
    requires org.postgresql.jdbc;

    exports io.steadystate.server;

    uses io.steadystate.api.spi.AuthProviderFactory;
    uses io.steadystate.api.spi.ComputeProviderFactory;
}
