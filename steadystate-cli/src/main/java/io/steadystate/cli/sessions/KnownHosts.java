package io.steadystate.cli.sessions;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.SecureFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The CLI's own known_hosts file, in OpenSSH's format, that {@code join} pins session host keys in. The user's
 * {@code ~/.ssh/known_hosts} is never read or written. A host and port is pinned once, with the key its magic
 * link carried; a later link with a different key for the same host and port is refused, never written over.
 */
public final class KnownHosts {

    /** What {@link #pin} did. */
    public enum Pin {
        /** The key was not there; a line was added. */
        ADDED,
        /** The same key was already pinned; nothing changed. */
        ALREADY_PINNED
    }

    public static final String FILE_NAME = "known_hosts";
    private static final Pattern KEY = Pattern.compile("[a-z0-9@.-]+ [A-Za-z0-9+/]+={0,2}");

    private final Path file;

    public KnownHosts(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** {@code <configDir>/known_hosts}. */
    public static KnownHosts in(Path configDir) {
        return new KnownHosts(configDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /**
     * How OpenSSH names {@code host:port} in known_hosts: {@code [host]:port}, or the bare host for port 22,
     * which is the only form ssh looks up for the default port. The host is lower-cased, as ssh does before
     * the lookup, and an IPv6 address loses its URL brackets.
     */
    public static String hostPattern(String host, int port) {
        String h = unbracket(host).toLowerCase(Locale.ROOT);
        return port == 22 ? h : "[" + h + "]:" + port;
    }

    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Pins {@code publicKey} ({@code <type> <base64>}) for {@code host:port}. Creates the folder 0700 and the
     * file 0600 when they are missing; adding a line rewrites the file at once (a reader never sees half a
     * line) while holding a lock, so two joins at the same moment both land.
     *
     * @throws CliException with exit 1 when the host and port are pinned with another key; the file is left as
     *                      it was
     */
    public Pin pin(String host, int port, String publicKey) throws IOException {
        if (publicKey == null || !KEY.matcher(publicKey).matches()) {
            throw new CliException(Main.EXIT_USAGE, "the host key must look like 'ssh-ed25519 AAAA...'");
        }
        String pattern = hostPattern(host, port);
        Path dir = SecureFiles.privateDirectory(file.getParent());
        try (FileChannel lock = FileChannel.open(dir.resolve(FILE_NAME + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lock.lock(); // released when the channel closes
            String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            boolean same = false;
            boolean other = false;
            for (String line : existing.split("\n", -1)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length < 3 || fields[0].startsWith("#") || fields[0].startsWith("@")) {
                    continue;
                }
                if (!names(fields[0], pattern)) {
                    continue;
                }
                if ((fields[1] + " " + fields[2]).equals(publicKey)) {
                    same = true;
                } else {
                    other = true;
                }
            }
            if (same) {
                // ssh accepts a host when any of its lines matches, so this one is pinned whatever else is there.
                return Pin.ALREADY_PINNED;
            }
            if (other) {
                throw new CliException(Main.EXIT_AUTH, "the host key of " + pattern + " changed; if the session was "
                        + "recreated, remove its line from " + file);
            }
            String prefix = existing.isEmpty() || existing.endsWith("\n") ? existing : existing + "\n";
            SecureFiles.writePrivate(file, (prefix + pattern + " " + publicKey + "\n").getBytes(StandardCharsets.UTF_8));
            return Pin.ADDED;
        }
    }

    private static boolean names(String hosts, String pattern) {
        for (String h : hosts.split(",")) {
            if (h.toLowerCase(Locale.ROOT).equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** OpenSSH's fingerprint of a key: {@code SHA256:} and the unpadded base64 of the blob's SHA-256. */
    public static String fingerprint(String publicKey) {
        String[] parts = publicKey.split(" ");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(parts[1]));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return "(unreadable key)";
        }
    }
}
