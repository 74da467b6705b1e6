package io.steadystate.server.internal.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals forge tokens at rest: 32 random bytes, base64, in one file of the data dir
 * ({@value #FILE_NAME}) that only its owner may read. Made the first time a token is sealed; a file that
 * group or others may read or change is refused, as the JWT signing key file is.
 */
final class ForgeTokenKey {

    /** The key file's name in the data dir. */
    static final String FILE_NAME = "forge-token.key";

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private ForgeTokenKey() {
    }

    /** The key in {@code file}; empty when there is no such file. */
    static Optional<SecretKey> load(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        checkPermissions(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the forge token key file " + file + " does not hold a base64 key", e);
        }
        try {
            if (bytes.length != KEY_BYTES) {
                throw new IOException("the forge token key file " + file + " must hold " + KEY_BYTES + " bytes, not "
                        + bytes.length);
            }
            return Optional.of(new SecretKeySpec(bytes, "AES"));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The key in {@code file}, made there first when the file does not exist. */
    static SecretKey loadOrCreate(Path file) throws IOException {
        Optional<SecretKey> existing = load(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        // Written to a file created owner-only (no one else can open it even for a moment), then linked
        // into place: if another process made the key meanwhile, its key wins and this one is dropped.
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try {
            try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attrs);
                    OutputStream out = Channels.newOutputStream(channel)) {
                out.write((Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                channel.force(true);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // made by someone else meanwhile: theirs is loaded below
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (!Files.exists(file)) {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return load(file).orElseThrow(() -> new IOException("the forge token key file " + file + " disappeared"));
    }

    /** Refuses a key file that is not a regular file or that group or others may use. */
    static void checkPermissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // no POSIX permissions here: the data dir's access rules apply
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the forge token key file " + file + " is not a regular file");
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        Set<PosixFilePermission> extra = EnumSet.copyOf(permissions);
        extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!extra.isEmpty()) {
            throw new IOException("refusing the forge token key file " + file + ": its permissions are "
                    + PosixFilePermissions.toString(permissions)
                    + ", so group or others may read or change it; make it readable by its owner only (chmod 600)");
        }
    }
}
