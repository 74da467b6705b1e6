package io.steadystate.cli.watch;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the session folder that {@code watch} shows, and the folder its commands run in. */
final class SessionLocator {

    /** Names the session folder when {@code --session-dir} is not given. */
    static final String ENV = "STEADYSTATE_SESSION_DIR";

    /**
     * Where a dashboard's session is.
     *
     * @param sessionDir the session folder ({@code sessions/<id>/})
     * @param workDir    where {@code steadystate sync}, {@code diff} and {@code credit} run: the worktree when the
     *                   dashboard was started inside one, else the current folder
     */
    record Location(Path sessionDir, Path workDir) {
    }

    private SessionLocator() {
    }

    /**
     * {@code option} when given, else {@code STEADYSTATE_SESSION_DIR}, else the session of the worktree that holds
     * {@code cwd}.
     *
     * @throws CliException with exit 1 when none of them names a session
     */
    static Location locate(Path option, Map<String, String> env, Path cwd) {
        Optional<Worktree> worktree;
        String whyNot;
        try {
            worktree = Optional.of(Worktree.locate(cwd));
            whyNot = null;
        } catch (SyncException e) {
            worktree = Optional.empty();
            whyNot = e.getMessage();
        }
        Path workDir = worktree.map(Worktree::root).orElse(cwd.toAbsolutePath().normalize());
        if (option != null) {
            return new Location(cwd.resolve(option).toAbsolutePath().normalize(), workDir);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Location(cwd.resolve(fromEnv).toAbsolutePath().normalize(), workDir);
        }
        if (worktree.isEmpty()) {
            throw new CliException(Main.EXIT_AUTH, "not inside a session: " + whyNot
                    + ", or pass --session-dir DIR (or set " + ENV + ")");
        }
        Worktree w = worktree.get();
        return new Location(w.sessionDir().orElseThrow(() -> new CliException(Main.EXIT_AUTH,
                "the worktree " + w.root() + " does not belong to a session folder (its canonical repository "
                        + w.canonical() + " is not a session's); pass --session-dir DIR")), workDir);
    }
}
