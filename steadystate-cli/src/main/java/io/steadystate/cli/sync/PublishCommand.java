package io.steadystate.cli.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.Json;
import io.steadystate.cli.session.ControlClient;
import io.steadystate.cli.session.PublishResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import io.steadystate.cli.worktree.WorktreeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steadystate publish}: sync, then push the session branch to the repository the session came from. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Sync your worktree (exactly as 'steadystate sync' does: it merges, it never replaces canonical with your"
                    + " files), then push the session branch to the repository the session was cloned from, under"
                    + " the same branch name.",
            "The push runs in the SteadyState server with the session creator's forge token, which never enters"
                    + " the session. If the sync leaves conflicts, nothing is pushed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:synced and pushed; branch and commit are printed",
            "1:the sync left conflicts, or the push was refused (authentication, not a fast-forward, no origin);"
                    + " nothing was pushed",
            "2:the session or the forge could not be reached",
            "129:wrong usage",
            "255:sync could not run; nothing was changed"})
public final class PublishCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the sync and the push as one JSON object.")
    boolean json;

    @CommandLine.Mixin
    WorktreeOptions where;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What {@code publish --json} prints. */
    record Report(@JsonProperty("sync") SyncReport sync, @JsonProperty("published") boolean published,
            @JsonProperty("branch") String branch, @JsonProperty("commit") String commit,
            @JsonProperty("remote") String remote, @JsonProperty("error") String error,
            @JsonProperty("message") String message) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Only a session can publish: find out before the sync changes anything.
        ControlClient control = ControlClient.fromEnvironment(main.environment(), where.cwd());
        SyncReport synced = Json.mapper().readValue(SyncRunner.run(where.cwd(), main.environment(), true, false, err).output(),
                SyncReport.class);
        if (synced.hasConflicts()) {
            if (json) {
                out.println(Json.mapper().writeValueAsString(new Report(synced, false, null, null, null,
                        "conflicts", "the sync left conflicts; nothing was published")));
            } else {
                out.print(synced.text());
                err.println("error: the sync left conflicts; nothing was published. Resolve them, then publish again.");
            }
            out.flush();
            return 1;
        }
        if (!json) {
            out.print(synced.text());
            out.flush();
        }
        PublishResult pushed = control.publish();
        return switch (pushed) {
            case PublishResult.Published p -> {
                if (json) {
                    out.println(Json.mapper().writeValueAsString(new Report(synced, true, p.branch(),
                            p.commit(), p.remote(), null, null)));
                } else {
                    out.println("Published " + p.branch() + " at " + p.commit().substring(0, 10) + " to " + p.remote());
                }
                out.flush();
                yield 0;
            }
            case PublishResult.PublishFailed f -> {
                if (json) {
                    out.println(Json.mapper().writeValueAsString(new Report(synced, false, null, null, null,
                            f.error(), f.message())));
                    out.flush();
                }
                err.println("error: publish failed (" + f.error() + "): " + f.message());
                err.flush();
                yield "network".equals(f.error()) ? Main.EXIT_UNREACHABLE : 1;
            }
        };
    }
}
