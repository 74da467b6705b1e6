package io.steadystate.compute.local.isolation;

import io.steadystate.compute.local.SessionMount;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the argument list that runs one session process inside a bubblewrap sandbox
 * ({@code bwrap}, Debian package {@code bubblewrap}).
 *
 * <p>What the sandboxed process gets:
 * <ul>
 *   <li>new PID, IPC, UTS and (where the kernel allows) cgroup namespaces, and a mount namespace whose
 *       root is an empty tmpfs: only what is bound below exists;</li>
 *   <li>read-only: {@code /usr}, the {@code /bin}, {@code /sbin}, {@code /lib*} entries of the root
 *       (as symlinks on merged-{@code /usr} systems), a short list of non-secret files of {@code /etc}
 *       ({@link #ETC_ENTRIES}: accounts, name resolution, CA certificates, git/ssh client and shell
 *       configuration; never {@code shadow}, SSH host keys or {@code /etc/ssl/private}), the JDK, the
 *       SteadyState launcher directory and any extra paths of the {@link SandboxPolicy};</li>
 *   <li>a fresh {@code /tmp} (tmpfs, private to this one process tree), a {@code /proc} of the new PID
 *       namespace (the server and every other process of the machine are absent from it) and a minimal
 *       {@code /dev};</li>
 *   <li>of the session directory, only the {@linkplain SandboxPolicy#mounts() mounts} the policy names,
 *       each read-only or writable (a member's shell: its own home writable, canonical read-only; the
 *       sync service: the reverse). The server data directory (and the folder that holds the sessions)
 *       is masked by an empty tmpfs when it would otherwise show through a read-only bind, so the JWT key,
 *       the database and other sessions are never visible;</li>
 *   <li>no capabilities ({@code --cap-drop ALL}: when the server runs as root, bwrap would otherwise
 *       keep them), and bwrap sets {@code no_new_privs}, so set-uid programs gain nothing;</li>
 *   <li>an environment that holds only the variables passed in, checked against an allow-list
 *       ({@link #isAllowedVariable}), given to bwrap as its own environment ({@link #processBuilder}) and
 *       never on its command line, which anyone on the host can read with {@code ps}.</li>
 * </ul>
 *
 * <p><b>Network</b> is deliberately shared with the host: a session must reach the forge (git over
 * HTTPS or SSH) and package registries, and a private network namespace would need a user-space
 * network stack to give it that. The consequence: loopback services of the host are reachable, so they
 * must authenticate (the server's API does; the database needs a password that lives only in the
 * hidden data directory).
 *
 * <p><b>{@code --new-session}</b> ({@code setsid}) stops a sandboxed process from pushing keystrokes into
 * the terminal it inherited ({@code TIOCSTI}, CVE-2017-5226), but it also takes that terminal away as the
 * controlling terminal, so an interactive shell on a PTY loses job control (no {@code Ctrl-Z},
 * {@code fg}, {@code Ctrl-C} to the foreground job). {@link Terminal#DETACHED} (exec requests, the tmux
 * server, background work) uses it; {@link Terminal#INTERACTIVE} does not: the PTY is allocated for that
 * one shell and belongs to the very user who types into it, so nothing can be injected into anyone
 * else's terminal.
 *
 * <p>No {@code --die-with-parent}: it ties the sandbox to the <em>thread</em> that started it
 * ({@code PR_SET_PDEATHSIG}), and session processes are started from virtual threads whose carriers come
 * and go. Instead, the sandbox's own PID 1 is what the provider tracks and kills; when it dies, the
 * kernel ends everything else in its PID namespace.
 *
 * <p>Everything is an argument list; nothing is ever joined into a shell string.
 */
public final class Sandbox {

    /** Where Debian's {@code bubblewrap} package installs the binary. */
    public static final Path DEFAULT_BWRAP = Path.of("/usr/bin/bwrap");

    /** How long the start-up probe may take before bubblewrap counts as unusable. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** Whether the sandboxed process is an interactive shell on its own PTY; decides {@code --new-session}. */
    public enum Terminal {
        /** A login shell on a PTY allocated for it: keeps its controlling terminal and job control. */
        INTERACTIVE,
        /** Anything else: runs in a new terminal session, with no controlling terminal. */
        DETACHED
    }

    /** Non-secret entries of {@code /etc} that shells, git, ssh, TLS and the JDK read. Bound when present. */
    public static final List<String> ETC_ENTRIES = List.of(
            "passwd", "group", "nsswitch.conf", "hosts", "host.conf", "resolv.conf", "gai.conf",
            "services", "protocols", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone",
            "ssl/certs", "ssl/openssl.cnf", "ca-certificates", "gitconfig", "alternatives",
            "ssh/ssh_config", "ssh/ssh_config.d", "ssh/ssh_known_hosts",
            "profile", "profile.d", "bash.bashrc", "bash_completion", "bash_completion.d", "inputrc",
            "shells", "terminfo", "locale.alias", "os-release", "debian_version", "tmux.conf",
            "vim", "nanorc", "mime.types");

    private static final Pattern ETC_JAVA = Pattern.compile("java-[0-9A-Za-z.-]+");
    private static final Pattern LIB_DIR = Pattern.compile("lib(32|64|x32)?");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> ALLOWED_VARIABLES = Set.of(
            "HOME", "USER", "LOGNAME", "PATH", "TERM", "COLORTERM", "LANG", "LANGUAGE", "TZ", "SHELL",
            "JAVA_HOME", "EDITOR", "VISUAL", "PAGER", "LESSSECURE",
            // The session's control socket and the connection's token, which says who runs a command on it.
            "STEADYSTATE_CONTROL_SOCKET", "STEADYSTATE_TOKEN");
    /** Server configuration that may carry credentials: never handed to a session even if asked. */
    private static final Set<String> FORBIDDEN_VARIABLES = Set.of("STEADYSTATE_DATABASE_URL");

    private static volatile Probe probe;

    private final Path bwrap;
    private final Path root;

    /** A sandbox builder that runs the given {@code bwrap} binary. */
    public Sandbox(Path bwrap) {
        this(bwrap, Path.of("/"));
    }

    /** For tests of the argument list: inspects {@code root} instead of {@code /} for what to bind. */
    Sandbox(Path bwrap, Path root) {
        this.bwrap = Objects.requireNonNull(bwrap, "bwrap");
        this.root = Objects.requireNonNull(root, "root");
    }

    /** A sandbox builder on the bubblewrap found by {@link #bwrap()}, if it {@linkplain #available() works}. */
    public static Optional<Sandbox> detect() {
        return available() ? bwrap().map(Sandbox::new) : Optional.empty();
    }

    /** The {@code bwrap} binary: {@code /usr/bin/bwrap} first, then each directory of {@code PATH}. */
    public static Optional<Path> bwrap() {
        if (Files.isExecutable(DEFAULT_BWRAP)) {
            return Optional.of(DEFAULT_BWRAP);
        }
        return onPath("bwrap");
    }

    /**
     * Whether sandboxes can run here: {@code bwrap} exists and a trial sandbox with the same namespaces
     * and mounts as a real one starts and exits 0 within {@link #PROBE_TIMEOUT}. That fails, for
     * instance, where unprivileged user namespaces are disabled, or inside a container that may not
     * mount {@code /proc}. Probed once per JVM.
     */
    public static boolean available() {
        return probe().ok();
    }

    /** Why sandboxes cannot run here, for a loud start-up message and the health report; empty when they can. */
    public static Optional<String> unavailableReason() {
        Probe p = probe();
        return p.ok() ? Optional.empty() : Optional.of(p.reason());
    }

    private static Probe probe() {
        Probe p = probe;
        if (p == null) {
            synchronized (Sandbox.class) {
                p = probe;
                if (p == null) {
                    p = bwrap().map(b -> probe(b, PROBE_TIMEOUT))
                            .orElse(new Probe(false, "bubblewrap (bwrap) is not installed; install the Debian package 'bubblewrap'"));
                    probe = p;
                }
            }
        }
        return p;
    }

    /** Outcome of a trial run of bubblewrap. */
    record Probe(boolean ok, String reason) {}

    static Probe probe(Path bwrap, Duration timeout) {
        List<String> argv = List.of(bwrap.toString(),
                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--", "true");
        Process process = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Probe(false, bwrap + " did not finish a trial sandbox within " + timeout.toSeconds() + " s");
            }
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                return new Probe(false, bwrap + " cannot create a sandbox here (exit " + process.exitValue()
                        + (err.isEmpty() ? "" : ": " + err)
                        + "); unprivileged user namespaces may be disabled (kernel.unprivileged_userns_clone, "
                        + "user.max_user_namespaces) or the container forbids mounting /proc");
            }
            return new Probe(true, "");
        } catch (IOException e) {
            return new Probe(false, "cannot run " + bwrap + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(false, "interrupted while trying " + bwrap);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Whether a variable may be passed into a sandbox: the allow-list, {@code LC_*} and {@code STEADYSTATE_*}. */
    public static boolean isAllowedVariable(String name) {
        if (name == null || !VARIABLE.matcher(name).matches() || FORBIDDEN_VARIABLES.contains(name)) {
            return false;
        }
        return ALLOWED_VARIABLES.contains(name) || name.startsWith("LC_") || name.startsWith("STEADYSTATE_");
    }

    /** The bwrap binary this builder runs. */
    public Path binary() {
        return bwrap;
    }

    /**
     * The argument list that runs {@code command} in the sandbox described by {@code policy}.
     *
     * @param policy     what the sandbox may see; its session directory must exist
     * @param terminal   whether {@code command} is an interactive shell on its own PTY (see class comment)
     * @param workingDir where the command starts: the session directory or a folder inside it
     * @param env        the complete environment of the command; every name must pass {@link #isAllowedVariable}
     * @param command    the program and its arguments, passed on as they are
     * @throws IllegalArgumentException on an empty command, a working directory outside the session, or a
     *                                  variable that may not enter a sandbox
     * @throws UncheckedIOException     when the session directory cannot be resolved
     * @see #processBuilder
     */
    public List<String> argv(SandboxPolicy policy, Terminal terminal, Path workingDir,
                             Map<String, String> env, List<String> command) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(command, "command");
        if (command.isEmpty() || command.getFirst().isEmpty()) {
            throw new IllegalArgumentException("the command must not be empty");
        }
        Path session = realPath(policy.sessionDir());
        Path cwd = workingDir == null ? policy.mounts().getFirst().target() : workingDir.toAbsolutePath().normalize();
        // Inside a mount, or a folder on the way to one (which the sandbox has, empty but for its mounts).
        if (policy.mounts().stream().noneMatch(m -> cwd.startsWith(m.target())
                || m.target().startsWith(cwd) && cwd.startsWith(policy.sessionDir()))) {
            throw new IllegalArgumentException("the working directory " + cwd + " is outside what the sandbox sees of"
                    + " the session directory " + session);
        }
        Map<String, String> sortedEnv = new TreeMap<>(env);
        for (Map.Entry<String, String> e : sortedEnv.entrySet()) {
            if (!isAllowedVariable(e.getKey())) {
                throw new IllegalArgumentException("variable " + e.getKey() + " may not be passed into a session sandbox");
            }
            Objects.requireNonNull(e.getValue(), e.getKey());
        }

        List<String> argv = new ArrayList<>();
        argv.add(bwrap.toString());
        Collections.addAll(argv, "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--hostname", policy.hostname(), "--cap-drop", "ALL");
        if (terminal == Terminal.DETACHED) {
            argv.add("--new-session");
        }
        Collections.addAll(argv, "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev");

        List<Path> readOnly = new ArrayList<>();
        Path usr = root.resolve("usr");
        if (Files.isDirectory(usr)) {
            bindReadOnly(argv, usr, Path.of("/usr"), readOnly);
        }
        for (String name : rootEntries()) {
            Path host = root.resolve(name);
            Path inside = Path.of("/", name);
            if (Files.isSymbolicLink(host)) {
                try {
                    Collections.addAll(argv, "--symlink", Files.readSymbolicLink(host).toString(), inside.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isDirectory(host)) {
                bindReadOnly(argv, host, inside, readOnly);
            }
        }
        for (String entry : etcEntries()) {
            Path host = root.resolve("etc").resolve(entry);
            if (Files.exists(host)) {
                bindReadOnly(argv, host, Path.of("/etc").resolve(entry), readOnly);
            }
        }
        policy.javaHome().filter(Files::exists).ifPresent(p -> bindReadOnly(argv, p, p, readOnly));
        policy.launcherDir().filter(Files::exists).ifPresent(p -> bindReadOnly(argv, p, p, readOnly));
        for (Path extra : policy.extraReadOnly()) {
            if (Files.exists(extra)) {
                bindReadOnly(argv, extra, extra, readOnly);
            }
        }

        // Hide the data directory and the folder of all sessions if a read-only bind would show them.
        Set<Path> masks = new LinkedHashSet<>();
        for (Path secret : List.of(policy.serverDataDir(), policy.sessionDir().getParent(), session.getParent())) {
            for (Path candidate : variants(secret)) {
                if (candidate.getNameCount() > 0 && readOnly.stream().anyMatch(candidate::startsWith)) {
                    masks.add(candidate);
                }
            }
        }
        for (Path mask : masks) {
            Collections.addAll(argv, "--tmpfs", mask.toString());
        }

        // Only what the policy names of the session directory: never the whole of it, whose other parts
        // (the host key, other members' homes, canonical for a member) belong to someone else.
        for (SessionMount m : policy.mounts()) {
            Collections.addAll(argv, m.writable() ? "--bind" : "--ro-bind", m.source().toString(), m.target().toString());
        }
        Collections.addAll(argv, "--chdir", cwd.toString());
        argv.add("--");
        argv.addAll(command);
        return List.copyOf(argv);
    }

    /**
     * A process builder for {@link #argv}, whose environment is exactly {@code env}. bwrap passes its own
     * environment on to the command, so the variables (a connection's token among them) never appear on
     * a command line, where {@code ps} on the host would show them; and since bwrap stays in the sandbox as
     * its PID 1, its environment must hold nothing the sandbox may not read: hence nothing inherited.
     */
    public ProcessBuilder processBuilder(SandboxPolicy policy, Terminal terminal, Path workingDir,
                                         Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(argv(policy, terminal, workingDir, env, command));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(new File("/"));
        return pb;
    }

    private void bindReadOnly(List<String> argv, Path source, Path target, List<Path> readOnly) {
        Collections.addAll(argv, "--ro-bind-try", source.toString(), target.toString());
        readOnly.addAll(variants(target));
    }

    /** A path and, when it differs, its real path: masks must match whichever one a bind exposes. */
    private static List<Path> variants(Path p) {
        if (p == null) {
            return List.of();
        }
        try {
            Path real = p.toRealPath();
            return real.equals(p) ? List.of(p) : List.of(p, real);
        } catch (IOException e) {
            return List.of(p);
        }
    }

    private List<String> rootEntries() {
        List<String> names = new ArrayList<>(List.of("bin", "sbin"));
        try (Stream<Path> entries = Files.list(root)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> LIB_DIR.matcher(n).matches())
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private List<String> etcEntries() {
        List<String> names = new ArrayList<>(ETC_ENTRIES);
        try (Stream<Path> entries = Files.list(root.resolve("etc"))) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> ETC_JAVA.matcher(n).matches())
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            // No /etc to look at: bind nothing from it.
        }
        return names;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("the session directory " + p + " cannot be resolved", e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
