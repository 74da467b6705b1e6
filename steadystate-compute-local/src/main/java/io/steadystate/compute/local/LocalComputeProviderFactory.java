package io.steadystate.compute.local;

import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.compute.local.internal.LocalComputeProvider;
import io.steadystate.compute.local.isolation.Sandbox;
import io.steadystate.compute.local.isolation.SandboxLauncher;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates the {@code local} compute provider. Settings read from {@link ComputeSettings#values()}:
 * {@code GITHUB_BASE_URL} (where {@code /<login>.keys} is fetched, default {@code https://github.com}; a
 * {@code file:///folder} URL reads {@code <folder>/<login>.keys} instead, for servers with no network),
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

    /**
     * Creates the provider. Session processes run inside bubblewrap when it works on this machine;
     * otherwise they run as they are, and {@link ComputeProvider#isolationProblem()} says so.
     */
    @Override
    public ComputeProvider create(ComputeSettings settings) throws ComputeException {
        Objects.requireNonNull(settings, "settings");
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path launcherDir = settings.get("STEADYSTATE_LAUNCHER").or(() -> Optional.ofNullable(System.getenv("STEADYSTATE_LAUNCHER")))
                .map(Path::of).map(Path::toAbsolutePath).map(Path::getParent).map(Path::getParent).orElse(null);
        Optional<SandboxLauncher> sandbox = SandboxLauncher.detect(settings.dataDir(), javaHome, launcherDir);
        if (sandbox.isPresent()) {
            return new LocalComputeProvider(NAME, settings, sandbox.get(), Optional.empty());
        }
        String reason = Sandbox.unavailableReason().orElse("bubblewrap is not usable");
        return new LocalComputeProvider(NAME, settings, ProcessLauncher.direct(), Optional.of(
                "sessions are NOT isolated (" + reason + "): a session shell can read whatever the server's OS user can;"
                        + " install bubblewrap (Debian: apt-get install bubblewrap)"));
    }

    /**
     * Creates the provider with {@code launcher} deciding how every session process is started
     * (tests, and embedders with their own isolation).
     */
    public ComputeProvider create(ComputeSettings settings, ProcessLauncher launcher) throws ComputeException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(launcher, "launcher");
        return new LocalComputeProvider(NAME, settings, launcher, Optional.empty());
    }
}
