package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.session.ControlClient;
import io.steadystate.cli.session.Whoami;
import io.steadystate.sync.Author;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import io.steadystate.sync.WorktreeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who a sync is authored by. Inside a running session the session's SSH server says, through its
 * control socket and the token it gave this shell, and the worktree must be that person's: no variable,
 * option or file the caller controls can change the author. A worktree that belongs to no running
 * session (a layout of the library's own users) is authored by the owner its state file records.
 */
final class SyncIdentity {

    private SyncIdentity() {
    }

    static Author resolve(Worktree worktree, Map<String, String> env) throws CliException {
        boolean inSession = env.containsKey(ControlClient.TOKEN_VARIABLE)
                || worktree.sessionDir().map(d -> Files.exists(d.resolve(ControlClient.SOCKET_FILE))).orElse(false);
        if (inSession) {
            Whoami me = ControlClient.fromEnvironment(env, worktree.root()).whoami();
            if (!samePlace(me.worktree(), worktree.root())) {
                throw new CliException(Main.EXIT_AUTH, "this worktree is not yours; yours, " + me.login() + ", is "
                        + me.worktree());
            }
            return Author.ofLogin(me.login());
        }
        WorktreeState state;
        try {
            state = worktree.readState();
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
        if (state.user() == null || state.user().isBlank()) {
            throw new CliException(Main.EXIT_ERROR, "the worktree's state names no user; it was not made by a session");
        }
        return Author.ofLogin(state.user());
    }

    private static boolean samePlace(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
