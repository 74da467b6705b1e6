package io.steadystate.api.spi;

/**
 * An identity provider that supports the OAuth 2.0 device authorization grant (RFC 8628): the user
 * approves a code in a browser while the CLI polls.
 *
 * <p>Implementations are thread-safe; the server calls them from many requests at once.
 */
public interface AuthProvider {

    /** The name clients ask for ({@code github}, {@code gitlab}, {@code oidc}, {@code dev}). */
    String name();

    /** Starts a device flow: a code for the user to enter, and one for polling. */
    DeviceAuthorization start() throws AuthProviderException;

    /**
     * Asks once whether the user approved {@code deviceCode}. Callers keep to the interval the
     * provider asked for; a {@link DevicePollResult.SlowDown} makes it longer.
     */
    DevicePollResult poll(String deviceCode) throws AuthProviderException;
}
