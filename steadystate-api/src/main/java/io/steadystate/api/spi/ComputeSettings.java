package io.steadystate.api.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a compute provider may read of the server's configuration.
 *
 * @param dataDir      the server's data directory; a provider keeps its sessions under it
 * @param bindAddress  the address session servers listen on
 * @param externalHost the host name put in magic links
 * @param values       further configuration by environment variable name
 */
public record ComputeSettings(Path dataDir, String bindAddress, String externalHost, Map<String, String> values) {

    public ComputeSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(externalHost, "externalHost");
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
