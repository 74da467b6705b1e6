package io.steadystate.api.spi;

/**
 * Creates a {@link ComputeProvider}; found with {@link java.util.ServiceLoader} and chosen by
 * {@link #name()} at run time. Modules register one with
 * {@code provides io.steadystate.api.spi.ComputeProviderFactory with ...}.
 */
public interface ComputeProviderFactory {

    /** The provider's name, unique among factories ({@code local}, ...). */
    String name();

    /** Creates the provider, or fails with a message that names the setting to fix. */
    ComputeProvider create(ComputeSettings settings) throws ComputeException;
}
