package io.steadystate.api.spi;

import io.steadystate.api.SessionId;
import java.util.Objects;

/**
 * Where a provisioned session can be reached.
 *
 * @param sshUser       the user name to log in with
 * @param sshHost       the host collaborators connect to
 * @param sshPort       the SSH server's port
 * @param hostPublicKey the SSH host key, {@code ssh-ed25519 AAAA...}
 * @param magicLink     what collaborators pass to {@code steadystate join}
 */
public record ProvisionedSession(SessionId id, String sshUser, String sshHost, int sshPort, String hostPublicKey,
        String magicLink) {

    public ProvisionedSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sshUser, "sshUser");
        Objects.requireNonNull(sshHost, "sshHost");
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("sshPort out of range: " + sshPort);
        }
        Objects.requireNonNull(hostPublicKey, "hostPublicKey");
        Objects.requireNonNull(magicLink, "magicLink");
    }

    /** {@code user@host:port}. */
    public String endpoint() {
        return sshUser + "@" + sshHost + ":" + sshPort;
    }
}
