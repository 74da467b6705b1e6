package io.steadystate.cli.sessions;

import io.steadystate.api.MagicLink;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.ExecutableFinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code steadystate join} does once the link is read: pin the host key, then run or print ssh. Other
 * commands that reach into a session over ssh ({@code dashboard}) go through it too.
 */
public final class Join {

    private final KnownHosts knownHosts;
    private final ExecutableFinder finder;
    private final ProcessStarter starter;

    Join(KnownHosts knownHosts, ExecutableFinder finder, ProcessStarter starter) {
        this.knownHosts = knownHosts;
        this.finder = finder;
        this.starter = starter;
    }

    /** Join with the CLI's own known_hosts in the config folder, the {@code ssh} on PATH, on this terminal. */
    public static Join forCommand(Main main) {
        return new Join(KnownHosts.in(Text.config(main).configDir()),
                ExecutableFinder.onPath(Text.environment(main).get("PATH")), ProcessStarter.inheritingIo());
    }

    /** Reads a magic link, failing with exit 129 and what is wrong with it. */
    public static MagicLink parse(String text) {
        try {
            return MagicLink.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.EXIT_USAGE, "not a valid magic link: " + Text.printable(e.getMessage())
                    + " (expected steadystate://<mode>/<id>?ssh=...&host_key=..., as steadystate up prints it)");
        }
    }

    /**
     * Pins the link's host key, then prints the ssh command line to {@code out} ({@code print}) or runs ssh on
     * this terminal and returns its exit code. A changed host key ends the command before ssh is started.
     */
    int run(MagicLink link, boolean print, PrintWriter out, PrintWriter err) {
        return run(link, null, print, out, err);
    }

    /** As {@link #run(MagicLink, boolean, PrintWriter, PrintWriter)}, logging in with the key in {@code identity} only. */
    int run(MagicLink link, Path identity, boolean print, PrintWriter out, PrintWriter err) {
        return run(link, identity, print, SshInvocation.Remote.SHELL, out, err);
    }

    /**
     * Pins the link's host key, then prints the ssh command line that runs {@code remote} in the session
     * ({@code print}) or runs it and returns ssh's exit code; with {@code identity}, ssh logs in with that key only.
     */
    public int run(MagicLink link, Path identity, boolean print, SshInvocation.Remote remote, PrintWriter out,
                   PrintWriter err) {
        if (identity != null && !java.nio.file.Files.isRegularFile(identity)) {
            throw new CliException(Main.EXIT_USAGE, "no key file at " + identity);
        }
        List<String> argv = SshInvocation.argv(link, knownHosts.file(), identity, remote);
        String pattern = KnownHosts.hostPattern(link.sshHost(), link.sshPort());
        KnownHosts.Pin pin;
        try {
            pin = knownHosts.pin(link.sshHost(), link.sshPort(), link.hostPublicKey());
        } catch (IOException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot pin the host key in " + knownHosts.file() + ": "
                    + e.getMessage(), e);
        }
        if (pin == KnownHosts.Pin.ADDED) {
            err.println("Pinned the host key of " + pattern + " (" + KnownHosts.fingerprint(link.hostPublicKey())
                    + ") in " + knownHosts.file());
            err.flush();
        }
        if (print) {
            out.println(ShellQuote.commandLine(argv));
            out.flush();
            return 0;
        }
        Path ssh = finder.find("ssh").orElseThrow(() -> new CliException(Main.EXIT_ERROR,
                "ssh was not found on PATH; install the OpenSSH client (openssh-client) and try again"));
        List<String> command = new ArrayList<>(argv);
        command.set(0, ssh.toString());
        try {
            return starter.run(List.copyOf(command));
        } catch (IOException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot run " + ssh + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Main.EXIT_ERROR, "interrupted", e);
        }
    }
}
