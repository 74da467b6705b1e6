/**
 * SteadyState's shared vocabulary: domain records, the REST wire records, and the service-provider
 * interfaces for identity ({@link io.steadystate.api.spi.AuthProviderFactory}) and compute
 * ({@link io.steadystate.api.spi.ComputeProviderFactory}) plugins, found with {@link java.util.ServiceLoader}.
 * Depends on the JDK only.
 */
module io.steadystate.api {
    exports io.steadystate.api;
    exports io.steadystate.api.spi;
    exports io.steadystate.api.wire;

    uses io.steadystate.api.spi.AuthProviderFactory;
    uses io.steadystate.api.spi.ComputeProviderFactory;
}
