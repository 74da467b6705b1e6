package io.steadystate.cli.watch;

import io.steadystate.api.MagicLink;
import io.steadystate.cli.Main;
import io.steadystate.cli.sessions.Join;
import io.steadystate.cli.sessions.LinkOptions;
import io.steadystate.cli.sessions.SshInvocation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steadystate dashboard LINK}: the session's {@code watch} from outside it, over ssh as {@code join} does. */
@Command(
        name = "dashboard",
        aliases = "dash",
        mixinStandardHelpOptions = true,
        description = {
            "Show the live dashboard of a session (steadystate watch) from outside it, with its magic link.",
            "Connects as steadystate join does (the host key pinned from the link in the CLI's own known_hosts, the "
                    + "system ssh with StrictHostKeyChecking=yes) and runs 'steadystate watch' there, on a terminal "
                    + "when this one is; otherwise it prints one plain rendering ('steadystate watch --plain')."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the dashboard ended (or, with --print, the command was printed)",
            "1:the host key changed since it was pinned, or the session could not be shown",
            "129:wrong usage, or a malformed magic link",
            "255:ssh is missing or failed to connect, or any other error",
            "other:the exit code of steadystate watch in the session, passed on from ssh"})
public final class DashboardCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LinkOptions target;

    @Option(names = "--plain", description = "Print one plain rendering and exit, even on a terminal.")
    boolean plain;

    @Option(names = "--json", description = "Print the session's snapshot as JSON and exit.")
    boolean json;



    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MagicLink parsed = target.link();
        boolean terminal = !plain && !json && Terminals.interactive();
        return Join.forCommand(main).run(parsed, target.identity(), target.print(), remote(terminal, plain, json),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** {@code steadystate watch} on a terminal; {@code --json} or {@code --plain} without one. */
    static SshInvocation.Remote remote(boolean terminal, boolean plain, boolean json) {
        List<String> words = new ArrayList<>(List.of("steadystate", "watch"));
        if (json) {
            words.add("--json");
        } else if (plain || !terminal) {
            words.add("--plain");
        }
        return SshInvocation.Remote.command(terminal && !plain && !json, words);
    }
}
