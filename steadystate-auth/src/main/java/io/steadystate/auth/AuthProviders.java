package io.steadystate.auth;

import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.AuthProviderFactory;
import io.steadystate.api.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Finds the identity providers that are installed and creates the ones that are enabled. */
public final class AuthProviders {

    private AuthProviders() {
    }

    /**
     * Creates the providers named in {@code enabledNames} from every {@link AuthProviderFactory}
     * installed: the ones of this module and any plugin module.
     *
     * @return the providers by name, in the order of {@code enabledNames}
     * @throws AuthProviderException listing every problem at once: unknown names, factories that refused
     */
    public static Map<String, AuthProvider> load(ProviderSettings settings, Collection<String> enabledNames)
            throws AuthProviderException {
        return load(settings, enabledNames, installed());
    }

    /** Like {@link #load(ProviderSettings, Collection)} with the given factories instead of the installed ones. */
    public static Map<String, AuthProvider> load(ProviderSettings settings, Collection<String> enabledNames,
            Iterable<? extends AuthProviderFactory> factories) throws AuthProviderException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(enabledNames, "enabledNames");
        List<String> problems = new ArrayList<>();
        Map<String, AuthProviderFactory> byName = new LinkedHashMap<>();
        for (AuthProviderFactory factory : factories) {
            String name = factory.name().toLowerCase(Locale.ROOT);
            if (byName.putIfAbsent(name, factory) != null) {
                problems.add("two installed auth providers are named " + name);
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : enabledNames) {
            if (name != null && !name.isBlank()) {
                wanted.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (wanted.isEmpty()) {
            problems.add("no auth provider is enabled (STEADYSTATE_AUTH_PROVIDERS)");
        }
        Map<String, AuthProvider> providers = new LinkedHashMap<>();
        for (String name : wanted) {
            AuthProviderFactory factory = byName.get(name);
            if (factory == null) {
                problems.add("unknown auth provider '" + name + "' (installed: "
                        + String.join(", ", new TreeSet<>(byName.keySet())) + ")");
                continue;
            }
            try {
                providers.put(name, Objects.requireNonNull(factory.create(settings), "created provider"));
            } catch (AuthProviderException | RuntimeException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AuthProviderException("cannot set up the auth providers: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(providers);
    }

    /** The names of every installed provider, sorted. */
    public static Set<String> installedNames() {
        Set<String> names = new TreeSet<>();
        installed().forEach(f -> names.add(f.name()));
        return Collections.unmodifiableSet(names);
    }

    private static List<AuthProviderFactory> installed() {
        // On the module path, look through this module's layer (and its parents); on the class path,
        // there is no layer, and META-INF/services of the class loader list the providers.
        ModuleLayer layer = AuthProviders.class.getModule().getLayer();
        ServiceLoader<AuthProviderFactory> loader = layer != null
                ? ServiceLoader.load(layer, AuthProviderFactory.class)
                : ServiceLoader.load(AuthProviderFactory.class, AuthProviders.class.getClassLoader());
        List<AuthProviderFactory> factories = new ArrayList<>();
        try {
            loader.forEach(factories::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a broken auth provider plugin is installed: " + e.getMessage(), e);
        }
        return factories;
    }
}
