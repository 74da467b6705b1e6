package io.steadystate.cli.sessions;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.BackendClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code steadystate down ID}: ends a session. */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = {
            "End a session you created (DELETE /sessions/ID). The server stops its SSH server and processes and "
                    + "removes it in the background; steadystate sessions shows it Terminating, then Terminated.",
            "When members have changes they have not synced, or the session branch has commits nobody published, "
                    + "down says what would be lost and ends nothing; --discard ends the session anyway.",
            "Server: STEADYSTATE_BACKEND_URL (default http://localhost:3000)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the session is being terminated",
            "1:no such session (or not yours to see), you are not its creator, work would be lost (see --discard),"
                    + " or not logged in",
            "2:the server cannot be reached",
            "129:wrong usage, or not a session id",
            "255:any other error"})
public final class DownCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The session's id, as steadystate up or steadystate sessions shows it.")
    String id;

    @CommandLine.Option(names = "--discard", description = "End the session even if unsynced or unpublished work is lost.")
    boolean discard;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String sessionId = UpCommand.sessionId(spec, id);
        new SessionsApi(BackendClient.create(Text.config(main))).delete(sessionId, discard);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Terminating " + sessionId);
        out.flush();
        return 0;
    }
}
