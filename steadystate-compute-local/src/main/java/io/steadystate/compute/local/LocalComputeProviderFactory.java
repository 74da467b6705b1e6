package io.steadystate.compute.local;

import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.compute.local.internal.LocalComputeProvider;
import java.util.Objects;

/**
 * Creates the {@code local} compute provider. Settings read from {@link ComputeSettings#values()}:
 * {@code GITHUB_BASE_URL} (where {@code /<login>.keys} is fetched, default {@code https://github.com}),
 * {@code STEADYSTATE_SSH_USER} (default {@code steadystate}), {@code STEADYSTATE_ALLOWED_REPO_ROOTS}
 * (colon-separated folders local repositories may be cloned from; none by default) and
 * {@code STEADYSTATE_LAUNCHER} (the {@code steadystate} program sessions run; defaults to the
 * environment variable of that name).
 */
public final class LocalComputeProviderFactory implements ComputeProviderFactory {

    /** The name servers choose this provider by. */
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    /** Creates the provider; session processes start as they are ({@link ProcessLauncher#direct()}). */
    @Override
    public ComputeProvider create(ComputeSettings settings) throws ComputeException {
        return create(settings, ProcessLauncher.direct());
    }

    /** Creates the provider with {@code launcher} deciding how every session process is started. */
    public ComputeProvider create(ComputeSettings settings, ProcessLauncher launcher) throws ComputeException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(launcher, "launcher");
        return new LocalComputeProvider(NAME, settings, launcher);
    }
}
