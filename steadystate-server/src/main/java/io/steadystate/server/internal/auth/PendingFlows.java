package io.steadystate.server.internal.auth;

import java.util.Optional;

/** Where pending device flows are kept, so that a server restart does not break a login in progress. */
public interface PendingFlows {

    void add(PendingFlow flow);

    Optional<PendingFlow> find(String codeHash);

    void update(PendingFlow flow);

    void remove(String codeHash);
}
