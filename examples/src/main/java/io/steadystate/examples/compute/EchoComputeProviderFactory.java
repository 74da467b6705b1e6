package io.steadystate.examples.compute;

import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.api.spi.ComputeSettings;

/**
 * Registers {@link EchoComputeProvider} under the name {@code example}. A plugin needs only this: a
 * factory with a public no-argument constructor, listed in its {@code module-info.java} with
 * {@code provides io.steadystate.api.spi.ComputeProviderFactory with ...} (and in
 * {@code META-INF/services/io.steadystate.api.spi.ComputeProviderFactory} for the class path). Sessions
 * choose it with {@code "provider": "example"}.
 */
public final class EchoComputeProviderFactory implements ComputeProviderFactory {

    public static final String NAME = "example";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComputeProvider create(ComputeSettings settings) {
        return new EchoComputeProvider(settings.get("STEADYSTATE_SSH_USER").orElse("steadystate"));
    }
}
