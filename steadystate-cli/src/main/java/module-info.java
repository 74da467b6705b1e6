/** The {@code steadystate} command line. */
module io.steadystate.cli {
    requires io.steadystate.api;
    requires io.steadystate.merge;
    requires io.steadystate.sync;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    // picocli fills annotated fields reflectively.
    opens io.steadystate.cli to info.picocli;
    opens io.steadystate.cli.merge to info.picocli;
    opens io.steadystate.cli.quickstart to info.picocli;
    // picocli for the commands; Jackson for the records kept in session.json.
    opens io.steadystate.cli.auth to info.picocli, com.fasterxml.jackson.databind;
    // picocli for the session commands; Jackson for the session records on the wire.
    opens io.steadystate.cli.sessions to info.picocli, com.fasterxml.jackson.databind;
    // Jackson for the control socket's answers inside a session.
    opens io.steadystate.cli.session to com.fasterxml.jackson.databind;
}
