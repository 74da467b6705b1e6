/**
 * Programs that show how to embed SteadyState's libraries, and a third-party compute provider plugin
 * ({@link io.steadystate.examples.compute.EchoComputeProviderFactory}, named {@code example}) that a
 * server finds with {@link java.util.ServiceLoader} when this module is on its module path.
 */
module io.steadystate.examples {
    requires io.steadystate.api;
    requires io.steadystate.merge;

    exports io.steadystate.examples.merge;
    exports io.steadystate.examples.compute;

    provides io.steadystate.api.spi.ComputeProviderFactory with
            io.steadystate.examples.compute.EchoComputeProviderFactory;
}
