/**
 * The local compute provider: sessions on the server's own machine.
 */
module io.steadystate.compute.local {
    requires io.steadystate.api;
}
