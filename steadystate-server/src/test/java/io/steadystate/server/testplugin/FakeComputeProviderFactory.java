package io.steadystate.server.testplugin;

import io.steadystate.api.Identity;
import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.api.spi.ForgeCredentials;
import io.steadystate.api.spi.ProvisionedSession;
import io.steadystate.api.spi.RemoteExecutor;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compute providers for tests, as a third party would ship them: the tests pack this package into a
 * plugin jar whose {@code META-INF/services} entry lists the factories (an automatic module, whose
 * service entries become its {@code provides}) and load it in a module layer of its own, as a launcher
 * loads plugins. {@code fake} "runs" sessions in memory (so a restarted server finds none of them alive);
 * {@code failing} refuses every session.
 */
public final class FakeComputeProviderFactory implements ComputeProviderFactory {

    public static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
    public static final String FAILURE = "no capacity left for sessions in the test cluster";

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public ComputeProvider create(ComputeSettings settings) {
        return new Fake("fake", settings);
    }

    /** The provider {@code failing}. */
    public static final class Failing implements ComputeProviderFactory {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public ComputeProvider create(ComputeSettings settings) {
            return new Fake("failing", settings);
        }
    }

    public static final class Fake implements ComputeProvider {
        private final String name;
        private final ComputeSettings settings;
        public final Map<SessionId, SessionSpec> running = new ConcurrentHashMap<>();
        public final Map<SessionId, Instant> activity = new ConcurrentHashMap<>();
        /** The forge credentials each session was provisioned with. */
        public final Map<SessionId, ForgeCredentials> credentials = new ConcurrentHashMap<>();

        public Fake(String name, ComputeSettings settings) {
            this.name = name;
            this.settings = settings;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator) throws ComputeException {
            if (name.equals("failing")) {
                throw new ComputeException(FAILURE);
            }
            try {
                Thread.sleep(50); // long enough for a client to see Provisioning
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputeException("interrupted");
            }
            running.put(id, spec);
            String user = settings.get("STEADYSTATE_SSH_USER").orElse("steadystate");
            MagicLink link = new MagicLink(spec.mode(), id, user, "127.0.0.1", 2222, HOST_KEY);
            return new ProvisionedSession(id, user, "127.0.0.1", 2222, HOST_KEY, link.toString());
        }

        @Override
        public ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator, ForgeCredentials forge)
                throws ComputeException {
            credentials.put(id, forge);
            return provision(id, spec, creator);
        }

        @Override
        public boolean isAlive(SessionId id) {
            return running.containsKey(id);
        }

        @Override
        public Optional<Instant> lastActivity(SessionId id) {
            return Optional.ofNullable(activity.get(id));
        }

        @Override
        public void terminate(SessionId id) {
            running.remove(id);
            stopped.remove(id);
        }

        /** Sessions stopped while idle, kept (in this process's memory) until resumed or terminated. */
        public final Map<SessionId, SessionSpec> stopped = new ConcurrentHashMap<>();

        @Override
        public void stop(SessionId id) throws ComputeException {
            SessionSpec spec = running.remove(id);
            if (spec == null) {
                throw new ComputeException("session " + id + " is not running");
            }
            stopped.put(id, spec);
        }

        @Override
        public ProvisionedSession resume(SessionId id, SessionSpec spec, Identity creator, ForgeCredentials forge)
                throws ComputeException {
            if (stopped.remove(id) == null) {
                throw new ComputeException("the fake provider cannot bring sessions back after a restart");
            }
            return provision(id, spec, creator, forge);
        }

        @Override
        public RemoteExecutor executor(SessionId id) throws ComputeException {
            throw new ComputeException("the fake provider runs no commands");
        }

        @Override
        public void close() {
            running.clear();
        }
    }
}
