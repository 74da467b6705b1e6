/**
 * The {@code local} compute provider: sessions on this machine, each with a bare clone of the
 * repository, an embedded SSH server that admits the invited GitHub users by their public keys, and
 * one git worktree per user.
 *
 * <p>Found with {@link java.util.ServiceLoader} through {@link io.steadystate.api.spi.ComputeProviderFactory}.
 * The exported package holds the factory and the process-launching seam
 * ({@link io.steadystate.compute.local.ProcessLauncher}); everything else is internal.
 */
module io.steadystate.compute.local {
    requires io.steadystate.api;
    requires org.eclipse.jgit;
    requires java.net.http;
    // Reads the JSON requests of the sessions' control sockets.
    requires com.fasterxml.jackson.databind;
    // Apache MINA SSHD 2.x as one jar (automatic module), ed25519 keys from eddsa.
    requires org.apache.sshd.osgi;
    requires net.i2p.crypto.eddsa;
    // pty4j has no module name of its own: its automatic name comes from the jar file name.
    requires pty4j;
    // pty4j is an automatic module and reads only modules that are resolved: kotlin.stdlib must be in the
    // module graph. (JNA, which pty4j loads at run time, is added by the launcher with ALL-MODULE-PATH.)
    requires kotlin.stdlib;

    exports io.steadystate.compute.local;

    provides io.steadystate.api.spi.ComputeProviderFactory
            with io.steadystate.compute.local.LocalComputeProviderFactory;
}
