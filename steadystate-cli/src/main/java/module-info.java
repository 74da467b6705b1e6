/** The {@code steadystate} command line. */
module io.steadystate.cli {
    requires io.steadystate.merge;
    requires info.picocli;

    // picocli fills annotated fields reflectively.
    opens io.steadystate.cli to info.picocli;
    opens io.steadystate.cli.merge to info.picocli;
    opens io.steadystate.cli.quickstart to info.picocli;
}
