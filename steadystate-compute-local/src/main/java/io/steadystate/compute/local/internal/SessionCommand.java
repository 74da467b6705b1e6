package io.steadystate.compute.local.internal;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import io.steadystate.compute.local.LaunchCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * What every SSH channel runs: a login shell in the user's worktree (shell requests), or
 * {@code steadystate <args>} (exec requests that passed {@link CommandLine}); anything else is refused.
 * With a pty-req the program gets a real pseudo-terminal (pty4j), window-size changes and signals.
 */
final class SessionCommand implements Command {

    private static final Pattern TERM = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final List<Signal> FORWARDED = List.of(Signal.INT, Signal.QUIT, Signal.TERM, Signal.HUP,
            Signal.USR1, Signal.USR2, Signal.KILL);

    private final SessionRuntime session;
    /** Null for a shell; the arguments after {@code steadystate} for an exec. */
    private final List<String> steadystateArgs;
    /** The refusal message, or null. */
    private final String refusal;

    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    private SessionCommand(SessionRuntime session, List<String> steadystateArgs, String refusal) {
        this.session = session;
        this.steadystateArgs = steadystateArgs;
        this.refusal = refusal;
    }

    static SessionCommand shell(SessionRuntime session) {
        return new SessionCommand(session, null, null);
    }

    static SessionCommand exec(SessionRuntime session, String command) {
        return CommandLine.steadystateArgs(command)
                .map(args -> new SessionCommand(session, args, null))
                .orElseGet(() -> new SessionCommand(session, List.of(), "this session runs only 'steadystate <subcommand>'"
                        + " (plain words, no shell syntax); open a shell with 'steadystate join' or plain ssh"));
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        String login = channel.getSession().getAttribute(SessionRuntime.LOGIN);
        // Platform threads: terminal reads and waits are native calls that would pin a virtual thread's
        // carrier, and a few open sessions would then starve the server's HTTP requests.
        ioThread("session-command").start(() -> run(channel, env, login));
    }

    private void run(ChannelSession channel, Environment env, String login) {
        if (login == null) {
            finish(1, "not authenticated");
            return;
        }
        if (refusal != null) {
            session.activity().record(login, "refused", "exec request refused");
            finish(126, refusal);
            return;
        }
        try {
            boolean pairShell = steadystateArgs == null && session.isPair();
            boolean viewer = session.isViewer(login);
            if (viewer && steadystateArgs == null && !pairShell) {
                session.activity().record(login, "refused", "shell refused to a viewer");
                finish(126, "viewers of this session get no shell; run one of: steadystate "
                        + String.join(", steadystate ", ViewerCommands.NAMES) + " (for example: ssh ... steadystate watch)");
                return;
            }
            if (viewer && steadystateArgs != null && !ViewerCommands.allowed(steadystateArgs)) {
                session.activity().record(login, "refused", "viewer command refused");
                finish(126, "viewers of this session can only read: steadystate " + String.join(", steadystate ",
                        ViewerCommands.NAMES) + "; ask the creator to invite you as a writer");
                return;
            }
            Path work = session.ensureWorktree(pairShell ? session.creator() : login);
            List<String> argv = new java.util.ArrayList<>();
            if (pairShell) {
                // Pair mode: everyone attaches to one shared terminal; viewers cannot type.
                argv.addAll(session.pair().attachArgv(viewer));
                session.activity().record(login, "pair", viewer ? "attached read-only" : "attached");
            } else if (steadystateArgs == null) {
                argv.add("/bin/bash");
                argv.add("-l");
                session.activity().record(login, "shell", "login shell");
            } else {
                argv.add(session.launcherScript().toString());
                argv.addAll(steadystateArgs);
                session.activity().record(login, "exec", "steadystate " + String.join(" ", steadystateArgs));
            }
            Map<String, String> envVars = session.environment(login);
            if (!pairShell) {
                // The connection's token proves, on the control socket, who runs the command. A pair client only
                // relays a terminal to tmux, whose panes carry the creator's token: it needs none of its own.
                envVars.putAll(session.controlEnvironment(channel.getSession().getAttribute(SessionRuntime.TOKEN)));
            }
            // A pty-req always sets TERM, if only to "" (ssh -tt from a script with no TERM of its own):
            // its presence, not its value, says that the client asked for a terminal.
            String term = env.getEnv().get(Environment.ENV_TERM);
            boolean tty = env.getEnv().containsKey(Environment.ENV_TERM);
            if (tty) {
                envVars.put("TERM", term != null && TERM.matcher(term).matches() ? term : "xterm");
            }
            // Every process a member can influence runs in a sandbox, the pair client too: tmux makes its
            // clients run commands (lock-command), and a client outside would run them on the host. The client
            // sees the pair socket and nothing else of the session.
            LaunchCommand cmd = pairShell
                    ? session.prepare(new LaunchCommand(session.id(), session.dir(), login, argv, envVars,
                            session.layout().pairDir(), session.pairClientMounts()))
                    : session.prepare(new LaunchCommand(session.id(), session.dir(), login, argv, envVars, work,
                            session.memberMounts(login)));
            int rc = tty ? runOnPty(cmd, env) : runOnPipes(cmd);
            finish(rc, null);
        } catch (IOException | RuntimeException | LinkageError e) {
            // Whatever fails, the client must get an exit status rather than wait forever.
            finish(1, "steadystate: could not start: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(1, "interrupted");
        }
    }

    private int runOnPty(LaunchCommand cmd, Environment env) throws IOException, InterruptedException {
        int cols = size(env.getEnv().get(Environment.ENV_COLUMNS), 80);
        int rows = size(env.getEnv().get(Environment.ENV_LINES), 24);
        PtyProcess p = session.processes().startPty(cmd, cols, rows);
        process = p;
        env.addSignalListener((channel, signal) -> {
            int c = size(env.getEnv().get(Environment.ENV_COLUMNS), 80);
            int r = size(env.getEnv().get(Environment.ENV_LINES), 24);
            try {
                p.setWinSize(new WinSize(c, r));
            } catch (RuntimeException e) {
                // the process is gone
            }
        }, Signal.WINCH);
        env.addSignalListener((channel, signal) -> signal(p, signal), FORWARDED);
        Thread pumpOut = pump(p.getInputStream(), out);
        pumpIn(in, p.getOutputStream(), false);
        int rc = p.waitFor();
        pumpOut.join(Duration.ofSeconds(2));
        return rc;
    }

    private int runOnPipes(LaunchCommand cmd) throws IOException, InterruptedException {
        Process p = session.processes().startPiped(cmd);
        process = p;
        Thread pumpOut = pump(p.getInputStream(), out);
        Thread pumpErr = pump(p.getErrorStream(), err);
        pumpIn(in, p.getOutputStream(), true);
        int rc = p.waitFor();
        pumpOut.join(Duration.ofSeconds(5));
        pumpErr.join(Duration.ofSeconds(5));
        return rc;
    }

    private static void signal(Process p, Signal signal) {
        if (signal == Signal.KILL) {
            p.destroyForcibly();
            return;
        }
        try {
            // kill(1) with separate arguments: the signal name is one of ours, the pid a number.
            new ProcessBuilder("kill", "-s", signal.name(), Long.toString(p.pid())).start();
        } catch (IOException | UnsupportedOperationException e) {
            // nothing to signal
        }
    }

    private static Thread pump(InputStream from, OutputStream to) {
        return ioThread("session-output").start(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    if (n > 0) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // closed: the process ended or the channel went away
            }
        });
    }

    private static void pumpIn(InputStream from, OutputStream to, boolean closeOnEof) {
        ioThread("session-input").start(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    if (n > 0) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
                if (closeOnEof) {
                    to.close();
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    private static int size(String value, int fallback) {
        try {
            int v = Integer.parseInt(value);
            return v > 0 && v < 10_000 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void finish(int rc, String message) {
        try {
            if (message != null) {
                err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            err.flush();
        } catch (IOException e) {
            // the channel is gone
        }
        exit.onExit(rc);
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            try {
                SessionProcesses.kill(List.of(ProcessHandle.of(p.pid()).orElseThrow()), Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                p.destroyForcibly();
            }
        }
    }

    /** A daemon platform thread (builders are not thread-safe, so a new one each time). */
    private static Thread.Builder ioThread(String name) {
        return Thread.ofPlatform().daemon(true).name(name);
    }
}
