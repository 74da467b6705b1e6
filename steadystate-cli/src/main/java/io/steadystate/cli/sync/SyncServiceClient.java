package io.steadystate.cli.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code sync} command's side of the sync service. */
final class SyncServiceClient {

    private SyncServiceClient() {
    }

    /**
     * Has the service at {@code socket} run the sync; empty when no service answers there (the caller then
     * syncs in its own process). A service that answers but fails ends the command with its message.
     */
    static Optional<SyncReport> sync(Path socket, String token, Path directory, Consumer<String> progress) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return Optional.empty();
        }
        try (ch) {
            OutputStream out = Channels.newOutputStream(ch);
            var request = Json.mapper().createObjectNode().put("token", token)
                    .put("directory", directory.toAbsolutePath().normalize().toString());
            out.write((Json.mapper().writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            boolean answered = false;
            String line;
            while ((line = SyncServiceProtocol.readLine(in)) != null) {
                answered = true;
                JsonNode n = Json.mapper().readTree(line);
                if (n.has("progress")) {
                    progress.accept(n.get("progress").asText());
                } else if (n.has("result")) {
                    return Optional.of(Json.mapper().treeToValue(n.get("result"), SyncReport.class));
                } else if (n.has("error")) {
                    throw new CliException(n.path("exit").asInt(Main.EXIT_ERROR), n.get("error").asText());
                }
            }
            // The service stopped (it was idle and closing, or it died mid-sync): the caller syncs itself,
            // which also finishes whatever a dead service left half done.
            if (answered) {
                progress.accept("the sync service stopped; syncing here");
            }
            return Optional.empty();
        } catch (IOException e) {
            progress.accept("the sync service failed (" + e.getMessage() + "); syncing here");
            return Optional.empty();
        }
    }
}
