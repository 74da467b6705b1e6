package io.steadystate.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.BackendClient;
import io.steadystate.cli.auth.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steadystate sessions}: the sessions you created or were invited to. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = {
            "List the sessions you created or may join (GET /sessions), oldest first: id, state, mode, repository, "
                    + "creator and age.",
            "Server: STEADYSTATE_BACKEND_URL (default http://localhost:3000)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the list was printed (it may be empty)",
            "1:not logged in, or the server refused the request",
            "2:the server cannot be reached",
            "129:wrong usage",
            "255:any other error"})
public final class SessionsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the server's JSON array of sessions, as it sent it, on one line.")
    boolean json;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode all = new SessionsApi(BackendClient.create(Text.config(main))).list();
        List<SessionView> views = SessionsApi.views(all);
        if (json) {
            out.println(Json.mapper().writeValueAsString(all));
        } else if (views.isEmpty()) {
            out.println("No sessions. Start one with: steadystate up REPO");
        } else {
            out.print(SessionTable.format(views, clock.instant()));
        }
        out.flush();
        return 0;
    }
}
