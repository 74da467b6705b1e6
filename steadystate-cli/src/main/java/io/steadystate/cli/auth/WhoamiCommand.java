package io.steadystate.cli.auth;

import io.steadystate.api.wire.MeResponse;
import io.steadystate.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steadystate whoami}: who the server says the stored login is. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = {
            "Show who you are logged in as, asking the server (GET /auth/me). Refreshes the token when it is "
                    + "about to expire."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:logged in; the identity is printed",
            "1:not logged in, or the login has expired or was revoked",
            "2:the server cannot be reached",
            "129:wrong usage",
            "255:any other error"})
public final class WhoamiCommand implements Callable<Integer> {

    @Option(names = "--json",
            description = "Print {\"login\", \"provider\", \"sub\", \"backend\"} as one line of JSON.")
    boolean json;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        CliConfig config = AuthCommands.config(main);
        BackendClient client = BackendClient.create(config);
        MeResponse me = client.requestWithAuth("GET", "/auth/me", null, MeResponse.class);
        if (me == null || me.login() == null) {
            throw new CliException(Main.EXIT_ERROR, "the server's answer to /auth/me names no one");
        }
        if (json) {
            Map<String, String> who = new LinkedHashMap<>();
            who.put("login", me.login());
            who.put("provider", me.provider());
            who.put("sub", me.sub());
            who.put("backend", config.backend());
            out.println(Json.mapper().writeValueAsString(who));
        } else {
            out.println("Logged in to " + config.backend() + " as " + me.login() + " (" + me.provider() + ")");
        }
        return 0;
    }
}
