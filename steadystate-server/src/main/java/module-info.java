/** SteadyState's reference server: REST over the JDK's HTTP server, persistence, background work. */
module io.steadystate.server {
    requires io.steadystate.api;
    requires io.steadystate.auth;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;

    // Jackson writes the wire records and reads request bodies reflectively.
    opens io.steadystate.server.internal.auth to com.fasterxml.jackson.databind;
}
