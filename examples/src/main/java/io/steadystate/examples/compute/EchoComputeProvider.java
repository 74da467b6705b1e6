package io.steadystate.examples.compute;

import io.steadystate.api.Identity;
import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ProvisionedSession;
import io.steadystate.api.spi.RemoteExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest compute provider: it starts nothing. {@link #provision} records what was asked and
 * answers with an endpoint on {@code 127.0.0.1} and a fixed host key of valid form, so that a server,
 * its clients and magic links can be tried without machines; sessions are "alive" until terminated.
 * A real provider would clone the repository and start an SSH server where this one records the request.
 */
public final class EchoComputeProvider implements ComputeProvider {

    /** The port in every endpoint; nothing listens there. */
    public static final int PORT = 2222;
    /** An ed25519 host key in {@code authorized_keys} form (a fixed, made-up public key). */
    public static final String HOST_KEY = "ssh-ed25519 " + fixedEd25519Key();

    /** One provisioning request as the provider received it. */
    public record Provisioned(SessionId id, SessionSpec spec, Identity creator) {
    }

    private final String sshUser;
    private final List<Provisioned> requests = new ArrayList<>();
    private final Set<SessionId> alive = ConcurrentHashMap.newKeySet();

    public EchoComputeProvider(String sshUser) {
        this.sshUser = sshUser;
    }

    @Override
    public String name() {
        return EchoComputeProviderFactory.NAME;
    }

    @Override
    public ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator) {
        synchronized (requests) {
            requests.add(new Provisioned(id, spec, creator));
        }
        alive.add(id);
        String link = new MagicLink(spec.mode(), id, sshUser, "127.0.0.1", PORT, HOST_KEY).toString();
        return new ProvisionedSession(id, sshUser, "127.0.0.1", PORT, HOST_KEY, link);
    }

    /** Every request so far, oldest first. */
    public List<Provisioned> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public boolean isAlive(SessionId id) {
        return alive.contains(id);
    }

    @Override
    public void terminate(SessionId id) {
        alive.remove(id);
    }

    @Override
    public RemoteExecutor executor(SessionId id) throws ComputeException {
        throw new ComputeException("the example provider runs no commands");
    }

    @Override
    public void close() {
        alive.clear();
    }

    /** {@code string "ssh-ed25519", string key}: the SSH wire form of an ed25519 public key, base64. */
    private static String fixedEd25519Key() {
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 4 + key.length);
        blob.putInt(type.length).put(type).putInt(key.length).put(key);
        return Base64.getEncoder().encodeToString(blob.array());
    }
}
