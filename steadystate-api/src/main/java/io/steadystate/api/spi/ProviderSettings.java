package io.steadystate.api.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider factory may read of the server's configuration.
 *
 * @param values          configuration values by their environment variable names ({@code GITHUB_CLIENT_ID}, ...)
 * @param loopbackOnly    whether the server listens on loopback addresses only
 * @param localUser       the operating-system user the server runs as
 */
public record ProviderSettings(Map<String, String> values, boolean loopbackOnly, String localUser) {

    public ProviderSettings {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
        Objects.requireNonNull(localUser, "localUser");
    }

    /** A setting, if present and not blank. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A setting, or {@code fallback} when it is absent or blank. */
    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }
}
