package io.steadystate.cli.sessions;

import io.steadystate.api.MagicLink;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The argument list of the system {@code ssh} that enters a session. Never a shell string. */
public final class SshInvocation {

    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:.]{2,45}");

    private SshInvocation() {
    }

    /** The ssh command that opens a login shell for {@code link}, trusting only the keys pinned in {@code knownHosts}. */
    public static List<String> argv(MagicLink link, Path knownHosts) {
        return argv(link, knownHosts, null, Remote.SHELL);
    }

    /**
     * The ssh command that runs {@code remote} in the session of {@code link}, trusting only the keys pinned in
     * {@code knownHosts}, logging in with the key in {@code identity} only when it is not null.
     */
    public static List<String> argv(MagicLink link, Path knownHosts, Path identity, Remote remote) {
        List<String> base = argv(link.sshUser(), KnownHosts.unbracket(link.sshHost()), link.sshPort(),
                link.hostPublicKey().split(" ")[0], knownHosts);
        // base ends with the terminal flag and USER@HOST; options go before them, the remote command after.
        List<String> argv = new ArrayList<>(base.subList(0, base.size() - 2));
        if (identity != null) {
            argv.addAll(List.of("-i", sshPath(identity.toAbsolutePath()), "-o", "IdentitiesOnly=yes"));
        }
        argv.add(remote.sshFlag());
        argv.add(base.getLast());
        argv.addAll(remote.words());
        return List.copyOf(argv);
    }

    /**
     * What ssh asks the session to run.
     *
     * @param terminal whether ssh asks for a terminal
     * @param words    the command's words, each plain (the session refuses anything a shell would read
     *                 differently); empty for a login shell
     */
    public record Remote(boolean terminal, List<String> words) {

        /** A login shell on a terminal, even when this side's input is not one ({@code -tt}). */
        public static final Remote SHELL = new Remote(true, List.of());

        private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._,:=@%+/-]+");

        public Remote {
            words = List.copyOf(words);
            for (String w : words) {
                if (!WORD.matcher(w).matches()) {
                    throw new IllegalArgumentException("not a plain word for a remote command: " + Text.printable(w));
                }
            }
        }

        /** One command; with {@code terminal}, ssh asks for one only when this side's input is a terminal ({@code -t}). */
        public static Remote command(boolean terminal, List<String> words) {
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a remote command needs at least one word");
            }
            return new Remote(terminal, words);
        }

        String sshFlag() {
            if (words.isEmpty()) {
                return terminal ? "-tt" : "-T";
            }
            return terminal ? "-t" : "-T";
        }
    }

    /**
     * {@code ssh -p PORT -o StrictHostKeyChecking=yes -o UserKnownHostsFile=FILE -o HostKeyAlgorithms=ALGS
     * -o CheckHostIP=no -tt USER@HOST}: ssh checks the host key against {@code knownHosts} only and never adds
     * to it, asks for nothing, and allocates a terminal even when its input is not one.
     *
     * @throws CliException with exit 129 when the user or host could be read as an option, or are not plain names
     */
    static List<String> argv(String user, String host, int port, String keyType, Path knownHosts) {
        // MagicLink checks these already; the argument list must not depend on that staying true.
        if (user == null || user.startsWith("-") || !USER.matcher(user).matches()) {
            throw new CliException(Main.EXIT_USAGE, "the magic link's SSH user is not a plain user name");
        }
        if (host == null || host.startsWith("-") || !HOST.matcher(host).matches()) {
            throw new CliException(Main.EXIT_USAGE, "the magic link's SSH host is not a host name or an IP address");
        }
        if (port < 1 || port > 65535) {
            throw new CliException(Main.EXIT_USAGE, "the magic link's SSH port is out of range");
        }
        return List.of("ssh", "-p", Integer.toString(port),
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + sshPath(knownHosts),
                "-o", "HostKeyAlgorithms=" + hostKeyAlgorithms(keyType),
                "-o", "CheckHostIP=no",
                "-tt", user + "@" + host);
    }

    /**
     * The host key algorithms that verify a key of {@code keyType}. An RSA key is checked with the SHA-2
     * signatures; plain {@code ssh-rsa} (SHA-1) is off in current OpenSSH.
     */
    static String hostKeyAlgorithms(String keyType) {
        return switch (keyType) {
            case "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> keyType;
            case "ssh-rsa" -> "rsa-sha2-512,rsa-sha2-256";
            default -> throw new CliException(Main.EXIT_USAGE, "the magic link's host key type is not supported: "
                    + Text.printable(keyType));
        };
    }

    /**
     * A path as ssh reads it in an {@code -o} option: {@code %} doubled (ssh expands {@code %} tokens in it),
     * in double quotes when it holds white space (ssh splits the value on it; the macOS config folder has a
     * space).
     */
    static String sshPath(Path file) {
        String s = file.toAbsolutePath().toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || Character.isISOControl(c)) {
                throw new CliException(Main.EXIT_ERROR, "ssh cannot be given the file " + Text.printable(s)
                        + ": its path holds a double quote or a control character; set STEADYSTATE_CONFIG_DIR to "
                        + "another folder");
            }
        }
        s = s.replace("%", "%%");
        return s.chars().anyMatch(Character::isWhitespace) ? "\"" + s + "\"" : s;
    }
}
