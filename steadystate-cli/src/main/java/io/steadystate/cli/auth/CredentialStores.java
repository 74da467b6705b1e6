package io.steadystate.cli.auth;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks where the refresh token is kept: the OS credential store when one is there and answers, else a
 * 0600 file in the config folder.
 *
 * <ul>
 *   <li>Linux and other Unixes: {@code secret-tool} on {@code PATH} and a Secret Service answering a quick
 *       lookup (3 s) → {@link SecretToolStore}; else {@link FileCredentialStore}.
 *   <li>macOS: {@code security} on {@code PATH} with a default keychain → {@link MacKeychainStore}; else file.
 *   <li>Anything else: file.
 * </ul>
 *
 * The store used at login is recorded in {@code session.json}, and later commands use that one
 * ({@link #named}), so a shell without a D-Bus session still finds a token written by a desktop login.
 */
public final class CredentialStores {

    private final Path configDir;
    private final String osName;
    private final ExecutableFinder finder;
    private final CommandRunner runner;

    public CredentialStores(Path configDir, String osName, ExecutableFinder finder, CommandRunner runner) {
        this.configDir = configDir;
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.finder = finder;
        this.runner = runner;
    }

    /** The stores of this machine. */
    public static CredentialStores forThisMachine(Path configDir) {
        return new CredentialStores(configDir, System.getProperty("os.name", ""), ExecutableFinder.system(),
                CommandRunner.system());
    }

    /** The best store that answers now. */
    public CredentialStore choose() {
        if (mac()) {
            Optional<Path> security = finder.find("security");
            if (security.isPresent() && MacKeychainStore.answers(security.get(), runner)) {
                return new MacKeychainStore(security.get(), runner);
            }
        } else if (!osName.startsWith("windows")) {
            Optional<Path> secretTool = finder.find("secret-tool");
            if (secretTool.isPresent() && SecretToolStore.answers(secretTool.get(), runner)) {
                return new SecretToolStore(secretTool.get(), runner);
            }
        }
        return file();
    }

    /**
     * The store of that name, as recorded in {@code session.json}; empty when its program is gone.
     * An unknown or missing name means the file store.
     */
    public Optional<CredentialStore> named(String name) {
        if (SecretToolStore.NAME.equals(name)) {
            return finder.find("secret-tool").map(p -> new SecretToolStore(p, runner));
        }
        if (MacKeychainStore.NAME.equals(name)) {
            return finder.find("security").map(p -> new MacKeychainStore(p, runner));
        }
        return Optional.of(file());
    }

    /** The 0600 file in the config folder. */
    public FileCredentialStore file() {
        return new FileCredentialStore(configDir);
    }

    private boolean mac() {
        return osName.startsWith("mac") || osName.startsWith("darwin");
    }
}
