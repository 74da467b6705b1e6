package io.steadystate.cli.sessions;

import io.steadystate.api.MagicLink;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every command that reaches into a session by its magic link takes: the link, -i KEY and --print. */
public final class LinkOptions {

    @Parameters(paramLabel = "LINK", description = "The magic link, in quotes: steadystate://<mode>/<id>?ssh=...&host_key=...")
    String link;

    @Option(names = "--print",
            description = "Pin the host key, then print the ssh command line (quoted for a POSIX shell) instead of running it.")
    boolean print;

    @Option(names = {"-i", "--identity"}, paramLabel = "KEY",
            description = "Log in with this private key only (as ssh -i KEY -o IdentitiesOnly=yes).")
    Path identity;

    /** The link, parsed; a malformed one ends the command with exit 129. */
    public MagicLink link() {
        return Join.parse(link);
    }

    public boolean print() {
        return print;
    }

    /** The key to log in with, or null for ssh's own choice. */
    public Path identity() {
        return identity;
    }
}
