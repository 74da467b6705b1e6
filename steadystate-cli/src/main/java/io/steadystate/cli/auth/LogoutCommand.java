package io.steadystate.cli.auth;

import io.steadystate.api.wire.RevokeRequest;
import io.steadystate.api.wire.RevokeResponse;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.BackendClient.Retry;
import io.steadystate.cli.auth.SessionFile.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code steadystate logout}: revoke the refresh token on the server, then forget the login here. */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = {
            "Log out: revoke the refresh token on the server that issued it, then remove session.json and the "
                    + "refresh token from this machine.",
            "When the server cannot be reached the login is still removed here, and logout says that the token "
                    + "could not be revoked on the server."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:logged out (also when the server could not revoke the token)",
            "1:not logged in",
            "129:wrong usage",
            "255:any other error"})
public final class LogoutCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliConfig config = AuthCommands.config(main);
        SessionFile sessions = new SessionFile(config.configDir());
        CredentialStores stores = CredentialStores.forThisMachine(config.configDir());
        Optional<Session> current = sessions.read();
        if (current.isEmpty()) {
            throw new CliException(Main.EXIT_AUTH, "not logged in");
        }
        Session session = current.get();
        // The server that issued the token revokes it, whatever STEADYSTATE_BACKEND_URL says now.
        String backend = session.backendUrl() == null ? config.backend() : session.backendUrl();

        Optional<CredentialStore> store = stores.named(session.credentialStore());
        Optional<String> refreshToken = Optional.empty();
        try {
            if (store.isPresent()) {
                refreshToken = store.get().load(backend);
            }
        } catch (IOException e) {
            err.println("warning: cannot read the refresh token: " + e.getMessage());
        }

        boolean revoked = false;
        if (refreshToken.isPresent()) {
            try {
                BackendClient client = BackendClient.create(CliConfig.parseBackendUrl(backend, SessionFile.FILE_NAME),
                        sessions, stores);
                client.post("/auth/revoke", new RevokeRequest(refreshToken.get()), RevokeResponse.class,
                        Retry.TRANSIENT);
                revoked = true;
            } catch (CliException e) {
                err.println("warning: the refresh token could not be revoked on the server (" + e.getMessage()
                        + "); it stays valid there until it expires");
            }
        } else {
            err.println("warning: no refresh token found on this machine; nothing to revoke on the server");
        }

        try {
            if (store.isPresent()) {
                store.get().delete(backend);
            }
        } catch (IOException e) {
            err.println("warning: cannot remove the refresh token from the " + store.get().name() + " store: "
                    + e.getMessage());
        }
        sessions.delete();
        out.println(revoked ? "Logged out of " + backend : "Logged out on this machine");
        return 0;
    }
}
