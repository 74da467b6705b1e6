package io.steadystate.cli.sessions;

import io.steadystate.cli.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code steadystate join LINK}: into a session over the system ssh, with the host key pinned from the link. */
@Command(
        name = "join",
        mixinStandardHelpOptions = true,
        description = {
            "Join a session with the magic link its creator shared.",
            "Pins the session's host key from the link in the CLI's own known_hosts file in the config folder "
                    + "(never ~/.ssh/known_hosts), then runs the system ssh with StrictHostKeyChecking=yes on this "
                    + "terminal. The SSH server lets you in by your GitHub keys, so ssh uses your usual keys or agent. "
                    + "When a host and port is already pinned with another key, join refuses and ssh is not run.",
            "Config folder: STEADYSTATE_CONFIG_DIR (default ~/.config/steadystate). No login is needed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the ssh session ended normally (or, with --print, the command was printed)",
            "1:the host key changed since it was pinned; ssh was not run",
            "129:wrong usage, or a malformed magic link",
            "255:ssh is missing or failed to connect, or any other error",
            "other:the exit code of the session's last command, passed on from ssh"})
public final class JoinCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LinkOptions target;



    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Join.forCommand(main).run(target.link(), target.identity(), target.print(), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
