package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.sync.Author;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import io.steadystate.sync.WorktreeState;
import java.nio.file.Files;
import java.util.Map;

/**
 * Who a sync is authored by. Inside a running session, the session's SSH server says (through its
 * control socket), and the worktree must be that person's; nothing the caller sets can change it.
 * A worktree of no running session (a library user's own layout) is authored by its recorded owner.
 */
final class SyncIdentity {

    private SyncIdentity() {
    }

    static Author resolve(Worktree worktree, Map<String, String> env) throws CliException {
        WorktreeState state;
        try {
            state = worktree.readState();
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
        boolean inSession = worktree.sessionDir().map(d -> Files.exists(d.resolve("control.sock"))).orElse(false);
        if (inSession) {
            throw new CliException(Main.EXIT_ERROR, "this session's identity check is not available yet");
        }
        if (state.user() == null || state.user().isBlank()) {
            throw new CliException(Main.EXIT_ERROR, "the worktree's state names no user; it was not made by a session");
        }
        return Author.ofLogin(state.user());
    }
}
