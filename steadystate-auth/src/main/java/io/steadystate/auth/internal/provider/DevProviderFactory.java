package io.steadystate.auth.internal.provider;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.AuthProviderFactory;
import io.steadystate.api.spi.ProviderSettings;

/**
 * {@code dev}: anyone who can reach the server logs in as the server's own user, so it is available
 * only when {@code STEADYSTATE_DEV_AUTH=true} and the server listens on loopback only.
 */
public final class DevProviderFactory implements AuthProviderFactory {

    @Override
    public String name() {
        return "dev";
    }

    @Override
    public AuthProvider create(ProviderSettings settings) throws AuthProviderException {
        if (!"true".equalsIgnoreCase(settings.get("STEADYSTATE_DEV_AUTH", ""))) {
            throw new AuthProviderException("the dev provider logs anyone in without a password; "
                    + "enable it explicitly with STEADYSTATE_DEV_AUTH=true");
        }
        if (!settings.loopbackOnly()) {
            throw new AuthProviderException("the dev provider works only while the server listens on loopback "
                    + "addresses only; set STEADYSTATE_BIND_ADDRESS=127.0.0.1 or disable dev");
        }
        try {
            return new DevProvider(new Identity("dev", settings.localUser(), settings.localUser()));
        } catch (IllegalArgumentException e) {
            throw new AuthProviderException("the dev provider cannot use the local user name: " + e.getMessage());
        }
    }
}
