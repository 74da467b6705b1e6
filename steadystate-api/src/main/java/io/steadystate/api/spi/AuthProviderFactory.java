package io.steadystate.api.spi;

/**
 * Creates an {@link AuthProvider}; found with {@link java.util.ServiceLoader}. Modules register one
 * with {@code provides io.steadystate.api.spi.AuthProviderFactory with ...}.
 */
public interface AuthProviderFactory {

    /** The provider's name, unique among factories. */
    String name();

    /**
     * Creates the provider from the server's settings, or fails with a message that names the
     * setting to fix (for example a missing client id).
     */
    AuthProvider create(ProviderSettings settings) throws AuthProviderException;
}
