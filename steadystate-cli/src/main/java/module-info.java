/** The {@code steadystate} command line. */
module io.steadystate.cli {
    requires io.steadystate.api;
    requires io.steadystate.merge;
    requires io.steadystate.sync;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    // JGit's repository classes log through slf4j, which JGit (an automatic module) cannot make the
    // module system resolve; the CLI does, and so also binds the quiet provider it ships.
    requires org.slf4j;

    // picocli fills annotated fields reflectively.
    opens io.steadystate.cli to info.picocli;
    opens io.steadystate.cli.merge to info.picocli;
    opens io.steadystate.cli.quickstart to info.picocli;
    // picocli for the sync command; Jackson for its JSON report.
    opens io.steadystate.cli.sync to info.picocli, com.fasterxml.jackson.databind;
    // picocli for the commands; Jackson for the records kept in session.json.
    opens io.steadystate.cli.auth to info.picocli, com.fasterxml.jackson.databind;
    // picocli for the session commands; Jackson for the session records on the wire.
    opens io.steadystate.cli.sessions to info.picocli, com.fasterxml.jackson.databind;
    // picocli for watch and dashboard; Jackson for session-info.json.
    opens io.steadystate.cli.watch to info.picocli, com.fasterxml.jackson.databind;
    // picocli for status, diff and credit.
    opens io.steadystate.cli.worktree to info.picocli;
    // Jackson for the control socket's answers inside a session.
    opens io.steadystate.cli.session to com.fasterxml.jackson.databind;
}
