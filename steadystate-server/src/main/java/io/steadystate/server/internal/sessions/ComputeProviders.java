package io.steadystate.server.internal.sessions;

import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.server.Config;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The compute providers installed with the server, found with {@link ServiceLoader}: first in the
 * server's module layer (modules that declare {@code provides io.steadystate.api.spi.ComputeProviderFactory}),
 * then through the context class loader (a layer a launcher made for plugins, or
 * {@code META-INF/services} entries of jars on the class path). A provider is created the first time a
 * session needs it; {@link #close()} closes those created. Thread-safe.
 */
public final class ComputeProviders implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.steadystate.server.sessions");

    /** The provider a session gets when the request names none. */
    public static final String DEFAULT_PROVIDER = "local";
    /** Where the {@code steadystate} launcher that sessions put on their {@code PATH} is. */
    public static final String LAUNCHER = "STEADYSTATE_LAUNCHER";

    private final Map<String, ComputeProviderFactory> factories;
    private final ComputeSettings settings;
    private final Map<String, ComputeProvider> created = new LinkedHashMap<>();
    private boolean closed;

    ComputeProviders(Map<String, ComputeProviderFactory> factories, ComputeSettings settings) {
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
        this.settings = settings;
    }

    /** Finds the installed factories and prepares the settings providers are created with. */
    public static ComputeProviders load(Config config) {
        Map<String, ComputeProviderFactory> found = new LinkedHashMap<>();
        ModuleLayer layer = ComputeProviders.class.getModule().getLayer();
        if (layer != null) {
            collect(ServiceLoader.load(layer, ComputeProviderFactory.class), found);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        collect(ServiceLoader.load(ComputeProviderFactory.class,
                context != null ? context : ComputeProviders.class.getClassLoader()), found);
        LOG.log(Level.INFO, "compute providers installed: " + (found.isEmpty() ? "none" : String.join(", ", new TreeMap<>(found).keySet())));
        return new ComputeProviders(found, settings(config));
    }

    /** What providers may read of the configuration: never the JWT secret, client secrets or database. */
    static ComputeSettings settings(Config config) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(Config.SSH_USER, config.sshUser());
        values.put(Config.GITHUB_BASE_URL, config.githubBaseUrl().toString());
        values.put(Config.ALLOWED_REPO_ROOTS,
                config.allowedRepoRoots().stream().map(Path::toString).collect(Collectors.joining(":")));
        values.put(Config.SESSION_IDLE_TIMEOUT, Long.toString(config.sessionIdleTimeout().toSeconds()));
        // Provider settings that only providers read; documented with the local provider.
        for (String name : List.of("STEADYSTATE_ALLOWED_REPO_HOSTS", "STEADYSTATE_ALLOW_UNISOLATED")) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                values.put(name, v.strip());
            }
        }
        String launcher = System.getenv(LAUNCHER);
        if (launcher == null || launcher.isBlank()) {
            launcher = System.getProperty("steadystate.launcher");
        }
        if (launcher != null && !launcher.isBlank()) {
            values.put(LAUNCHER, launcher.strip());
        }
        return new ComputeSettings(config.dataDir(), config.bindAddress(), config.externalHost(), values);
    }

    private static void collect(ServiceLoader<ComputeProviderFactory> loader, Map<String, ComputeProviderFactory> found) {
        Iterator<ComputeProviderFactory> it = loader.iterator();
        while (true) {
            ComputeProviderFactory factory;
            try {
                if (!it.hasNext()) {
                    return;
                }
                factory = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "skipping a compute provider that could not be loaded: " + e.getMessage());
                continue;
            }
            String name;
            try {
                name = factory.name();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "skipping compute provider " + factory.getClass().getName() + ": its name() failed");
                continue;
            }
            ComputeProviderFactory earlier = found.putIfAbsent(name, factory);
            if (earlier != null && earlier.getClass() != factory.getClass()) {
                LOG.log(Level.WARNING, "two compute providers are named '" + name + "': using "
                        + earlier.getClass().getName() + ", ignoring " + factory.getClass().getName());
            }
        }
    }

    /** The names of the installed providers, sorted. */
    public Set<String> names() {
        return factories.keySet();
    }

    public boolean isInstalled(String name) {
        return factories.containsKey(name);
    }

    /**
     * The provider named {@code name}, created on first use.
     *
     * @throws ComputeException when no such provider is installed or its factory fails
     */
    public ComputeProvider get(String name) throws ComputeException {
        ComputeProviderFactory factory = factories.get(name);
        if (factory == null) {
            throw new ComputeException("compute provider '" + name + "' is not installed; installed: " + installed());
        }
        synchronized (created) {
            if (closed) {
                throw new ComputeException("the server is stopping");
            }
            ComputeProvider provider = created.get(name);
            if (provider == null) {
                provider = factory.create(settings);
                if (provider == null) {
                    throw new ComputeException("compute provider '" + name + "' created nothing");
                }
                created.put(name, provider);
            }
            return provider;
        }
    }

    /** The provider named {@code name} if it was created already (nothing runs on one that was not). */
    public Optional<ComputeProvider> existing(String name) {
        synchronized (created) {
            return Optional.ofNullable(created.get(name));
        }
    }

    /** The installed names as people read them: {@code example, local}, or {@code none}. */
    public String installed() {
        return factories.isEmpty() ? "none" : String.join(", ", factories.keySet());
    }

    /** Closes every provider created, which stops the sessions they still run. */
    @Override
    public void close() {
        Map<String, ComputeProvider> toClose;
        synchronized (created) {
            closed = true;
            toClose = new LinkedHashMap<>(created);
            created.clear();
        }
        toClose.forEach((name, provider) -> {
            try {
                provider.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "compute provider '" + name + "' failed to close: " + e);
            }
        });
    }
}
