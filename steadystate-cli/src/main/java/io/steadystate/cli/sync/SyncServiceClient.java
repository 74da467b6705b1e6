package io.steadystate.cli.sync;

import io.steadystate.cli.auth.CliException;
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

    /** What the service did: the command's exit code and its output (text or JSON, as asked). */
    record Served(int exit, String output) {
    }

    private SyncServiceClient() {
    }

    /**
     * Has the service at {@code socket} run the sync; empty when no service answers there or it stopped
     * before answering (the caller then syncs in its own process, which also finishes whatever a dead
     * service left half done). A sync the service refused ends the command with its message.
     */
    static Optional<Served> sync(Path socket, String token, Path directory, boolean json, Consumer<String> progress) {
        String dir = directory.toAbsolutePath().normalize().toString();
        if (!Files.exists(socket) || dir.indexOf('\n') >= 0 || dir.indexOf('\t') >= 0) {
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
            out.write(("SYNC\t" + SyncServiceProtocol.field(token) + "\t" + (json ? "json" : "text") + "\t" + dir + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            boolean answered = false;
            String line;
            while ((line = SyncServiceProtocol.readLine(in)) != null) {
                answered = true;
                String[] f = line.split("\t", 3);
                switch (f[0]) {
                    case "P" -> progress.accept(f.length > 1 ? f[1] : "");
                    case "R" -> {
                        return Optional.of(new Served(Integer.parseInt(f[1]),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                    case "X" -> throw new CliException(Integer.parseInt(f[1]), f.length > 2 ? f[2] : "the sync failed");
                    default -> {
                        // a line of a newer service: ignored
                    }
                }
            }
            if (answered) {
                progress.accept("the sync service stopped; syncing here");
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            progress.accept("the sync service failed (" + e.getMessage() + "); syncing here");
            return Optional.empty();
        }
    }

}
