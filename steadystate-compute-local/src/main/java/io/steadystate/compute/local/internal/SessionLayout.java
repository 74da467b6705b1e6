package io.steadystate.compute.local.internal;

import io.steadystate.compute.local.SessionMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a local session keeps what, and which of it each kind of session process may see.
 *
 * <p>The session folder and everything in it belong to the server, except each member's home
 * ({@code users/<login>/}), which that member's processes may write. Members see canonical, the
 * launcher, the logs and the sockets read-only, and never the host key or another member's home.
 * The session's sync service for a member is the reverse: canonical writable, that member's home
 * read-only. So no process a member can influence may write what another reads as trusted.
 *
 * <pre>
 * canonical/          the bare repository, written only by the sync services (and by publish, read)
 * bin/steadystate     the launcher sessions run
 * run/control.sock    the control socket (the server's)
 * run/member-N/       the sync service of the N-th member: its socket
 * pair/               the pair session's tmux socket (outside run/: only tmux clients may see it)
 * sync-log, activity-log, session-info.json
 * ssh/                the host key (never shown to a session process)
 * sandbox/            files the server makes for the sandboxes: profile, git identities, borrowed objects
 * users/LOGIN/        a member's home, with the worktree in work/
 * </pre>
 */
record SessionLayout(Path dir) {

    SessionLayout {
        dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    Path canonical() {
        return dir.resolve("canonical");
    }

    Path bin() {
        return dir.resolve("bin");
    }

    Path launcher() {
        return bin().resolve("steadystate");
    }

    Path run() {
        return dir.resolve("run");
    }

    Path controlSocket() {
        return run().resolve(ControlSocket.FILE_NAME);
    }

    /** The folder of the sync service of the member with index {@code n} (by order of invitation). */
    Path syncDir(int n) {
        return run().resolve("member-" + n);
    }

    Path pairDir() {
        return dir.resolve("pair");
    }

    Path syncLog() {
        return dir.resolve("sync-log");
    }

    Path activityLog() {
        return dir.resolve("activity-log");
    }

    Path sessionInfo() {
        return dir.resolve("session-info.json");
    }

    Path sshDir() {
        return dir.resolve("ssh");
    }

    Path sandboxDir() {
        return dir.resolve("sandbox");
    }

    /** The login shell profile every member's sandbox reads as {@code /etc/profile}. */
    Path profile() {
        return sandboxDir().resolve("profile");
    }

    /** The git identity of {@code login}, read as {@code /etc/gitconfig} in that member's sandbox. */
    Path gitIdentity(String login) {
        return sandboxDir().resolve("gitconfig-" + login);
    }

    /** The object folders canonical borrows, as provisioning recorded them (one per line). */
    Path borrowedObjects() {
        return sandboxDir().resolve("borrowed-objects");
    }

    /** What the server needs to bring the session back after a restart (members, keys, mode, origin). */
    Path members() {
        return sandboxDir().resolve("members.json");
    }

    /** The session branch's first commit, recorded at provisioning. */
    Path startCommit() {
        return sandboxDir().resolve("start-commit");
    }

    /** The commit the last successful publish pushed. */
    Path published() {
        return sandboxDir().resolve("published");
    }

    Path users() {
        return dir.resolve("users");
    }

    Path home(String login) {
        return users().resolve(login);
    }

    Path worktree(String login) {
        return home(login).resolve("work");
    }

    private List<SessionMount> common(List<Path> borrowed) {
        List<SessionMount> m = new ArrayList<>();
        for (Path b : borrowed) {
            m.add(SessionMount.readOnly(b));
        }
        m.add(SessionMount.readOnly(bin()));
        m.add(SessionMount.readOnly(run()));
        m.add(SessionMount.readOnly(syncLog()));
        m.add(SessionMount.readOnly(activityLog()));
        m.add(SessionMount.readOnly(sessionInfo()));
        return m;
    }

    /** What a member's own processes see: their home writable, canonical and the rest read-only. */
    List<SessionMount> member(String login, List<Path> borrowed) {
        List<SessionMount> m = common(borrowed);
        m.add(SessionMount.readOnly(canonical()));
        m.add(SessionMount.writable(home(login)));
        m.add(new SessionMount(profile(), Path.of("/etc/profile"), false));
        m.add(new SessionMount(gitIdentity(login), Path.of("/etc/gitconfig"), false));
        return m;
    }

    /** The pair session's tmux server: the creator's view, plus its own socket folder. */
    List<SessionMount> pairServer(String creator, List<Path> borrowed) {
        List<SessionMount> m = member(creator, borrowed);
        m.add(SessionMount.writable(pairDir()));
        return m;
    }

    /** A tmux client attaching to the pair session: the socket and nothing else of the session. */
    List<SessionMount> pairClient() {
        return List.of(SessionMount.readOnly(pairDir()));
    }

    /**
     * The sync service of a member: canonical and the sync-log writable, the member's home read-only,
     * and its own socket folder.
     */
    List<SessionMount> syncService(String login, int n, List<Path> borrowed) {
        List<SessionMount> m = common(borrowed);
        m.add(SessionMount.writable(canonical()));
        m.add(SessionMount.writable(syncLog()));
        m.add(SessionMount.writable(syncDir(n)));
        m.add(SessionMount.readOnly(home(login)));
        return m;
    }

    /** The session's own housekeeping (checks before {@code down}): everything read-only but the host key. */
    List<SessionMount> inspector(List<Path> borrowed) {
        List<SessionMount> m = common(borrowed);
        m.add(SessionMount.readOnly(canonical()));
        m.add(SessionMount.readOnly(users()));
        return m;
    }
}
