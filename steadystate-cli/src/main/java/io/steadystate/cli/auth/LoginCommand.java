package io.steadystate.cli.auth;

import io.steadystate.api.wire.DeviceStartRequest;
import io.steadystate.api.wire.DeviceStartResponse;
import io.steadystate.api.wire.PollRequest;
import io.steadystate.api.wire.PollResponse;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.BackendClient.Retry;
import io.steadystate.cli.auth.SessionFile.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steadystate login}: the device flow, then the JWT in session.json and the refresh token in the credential store. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Log in to the SteadyState server with your identity provider's device flow.",
            "Prints a URL and a code: open the URL in any browser, enter the code and confirm. The short-lived "
                    + "token goes to session.json in the config folder (0600), the refresh token to the OS "
                    + "credential store (Secret Service, macOS keychain) or else to a 0600 file there.",
            "Server: STEADYSTATE_BACKEND_URL (default " + CliConfig.DEFAULT_BACKEND_URL + "). "
                    + "Config folder: STEADYSTATE_CONFIG_DIR (default ~/.config/steadystate)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:logged in",
            "1:the login was denied, or the code expired before it was confirmed",
            "2:the server cannot be reached",
            "129:wrong usage",
            "255:any other error"})
public final class LoginCommand implements Callable<Integer> {

    /** RFC 8628's default when the server names no interval. */
    static final long DEFAULT_INTERVAL_SECONDS = 5;
    /** RFC 8628: after {@code slow_down}, wait this much longer when the server does not say how long. */
    static final long SLOW_DOWN_STEP_SECONDS = 5;

    @Option(names = "--provider", paramLabel = "P",
            description = "The identity provider to log in with, such as github (default: the server's default).")
    String provider;

    @Option(names = "--no-browser",
            description = "Only print the URL and the code. This is what login always does: it never opens a browser.")
    boolean noBrowser;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    BackendClient.Sleeper sleeper = Thread::sleep;
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliConfig config = AuthCommands.config(main);
        SessionFile sessions = new SessionFile(config.configDir());
        CredentialStores stores = CredentialStores.forThisMachine(config.configDir());
        BackendClient client = BackendClient.create(config.backendUrl(), sessions, stores);

        DeviceStartResponse start = client.post("/auth/device", new DeviceStartRequest(blankToNull(provider)),
                DeviceStartResponse.class, Retry.TRANSIENT);
        if (start == null || start.deviceCode() == null || start.userCode() == null || start.verificationUri() == null) {
            throw new CliException(Main.EXIT_ERROR, "the server's answer to /auth/device is incomplete");
        }
        out.println("To log in, open " + start.verificationUri());
        out.println("and enter the code " + start.userCode());
        out.flush();

        PollResponse done = poll(client, start, err);
        if (done.jwt() == null || done.refreshToken() == null) {
            throw new CliException(Main.EXIT_ERROR, "the server completed the login without tokens");
        }

        String backend = config.backend();
        Optional<Session> previous = sessions.read();
        CredentialStore store = stores.choose();
        try {
            store.store(backend, done.refreshToken());
        } catch (IOException e) {
            if (store instanceof FileCredentialStore) {
                throw e;
            }
            err.println("warning: cannot use the " + store.name() + " credential store (" + e.getMessage()
                    + "); keeping the refresh token in a 0600 file in " + config.configDir() + " instead");
            store = stores.file();
            store.store(backend, done.refreshToken());
        }
        sessions.write(new Session(done.jwt(), done.login(), done.provider(), backend,
                Jwts.expiry(done.jwt()).map(Instant::toString).orElse(null), store.name()));
        forgetReplaced(previous, backend, store, stores, err);
        out.println("Logged in as " + done.login() + " (" + done.provider() + ")");
        return 0;
    }

    /** Polls until the login completes; bounded by the code's lifetime. */
    PollResponse poll(BackendClient client, DeviceStartResponse start, PrintWriter err) {
        long interval = start.interval() > 0 ? start.interval() : DEFAULT_INTERVAL_SECONDS;
        Instant deadline = clock.instant().plusSeconds(start.expiresIn() > 0 ? start.expiresIn() : 900);
        err.print("Waiting for the login to be confirmed");
        err.flush();
        try {
            while (true) {
                if (clock.instant().plusSeconds(interval).isAfter(deadline)) {
                    throw new CliException(Main.EXIT_AUTH, "the code expired before the login was confirmed; "
                            + "run steadystate login again");
                }
                sleep(Duration.ofSeconds(interval));
                PollResponse r;
                try {
                    r = client.post("/auth/poll", new PollRequest(start.deviceCode()), PollResponse.class,
                            Retry.TRANSIENT);
                } catch (ApiException e) {
                    throw switch (e.code()) {
                        case "expired_token" -> new CliException(Main.EXIT_AUTH,
                                "the code expired before the login was confirmed; run steadystate login again", e);
                        case "access_denied" -> new CliException(Main.EXIT_AUTH, "the login was denied", e);
                        case "invalid_device_code" -> new CliException(Main.EXIT_AUTH,
                                "the server no longer knows this login attempt; run steadystate login again", e);
                        default -> e;
                    };
                }
                if (r == null || r.status() == null) {
                    throw new CliException(Main.EXIT_ERROR, "the server's answer to /auth/poll has no status");
                }
                switch (r.status()) {
                    case "complete" -> {
                        return r;
                    }
                    case "pending" -> interval = nextInterval(interval, r);
                    default -> throw new CliException(Main.EXIT_ERROR, "unexpected login status '" + r.status() + "'");
                }
                err.print('.');
                err.flush();
            }
        } finally {
            err.println();
            err.flush();
        }
    }

    /** The wait before the next poll: longer after {@code slow_down}, as the server says or by 5 s. */
    static long nextInterval(long interval, PollResponse pending) {
        if (!"slow_down".equals(pending.error())) {
            return interval;
        }
        Long asked = pending.interval();
        return asked != null && asked > interval ? asked : interval + SLOW_DOWN_STEP_SECONDS;
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Main.EXIT_ERROR, "interrupted", e);
        }
    }

    /** Drops the refresh token of an earlier login that the new one does not overwrite. */
    private static void forgetReplaced(Optional<Session> previous, String backend, CredentialStore now,
            CredentialStores stores, PrintWriter err) {
        if (previous.isEmpty()) {
            return;
        }
        Session old = previous.get();
        if (backend.equals(old.backendUrl()) && now.name().equals(old.credentialStore())) {
            return;
        }
        try {
            Optional<CredentialStore> oldStore = stores.named(old.credentialStore());
            if (oldStore.isPresent() && old.backendUrl() != null) {
                oldStore.get().delete(old.backendUrl());
            }
        } catch (IOException e) {
            err.println("warning: cannot remove the refresh token of the earlier login: " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
