package io.steadystate.compute.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadystate.api.SessionMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The files the server keeps about a session in {@code sandbox/}, a folder no session process may
 * write: what canonical borrows, the login profile, and who the members are with their keys (so that
 * the session comes back as it was after the server restarts).
 */
final class SessionFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path HOST_PROFILE = Path.of("/etc/profile");

    private SessionFiles() {
    }

    /**
     * Records the object folders canonical borrows from a local source (its objects and theirs, as real
     * paths that the source's validation put under an allowed root) and returns them. Sandboxes mount
     * these read-only; they are never taken from canonical's own alternates, which a sync service writes.
     */
    static List<Path> writeBorrowedObjects(SessionLayout layout, RepoSource source) throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (source.local()) {
            collect(source.gitDir().resolve("objects").toRealPath(), dirs, 0);
        }
        StringBuilder sb = new StringBuilder();
        for (Path d : dirs) {
            sb.append(d).append('\n');
        }
        Fs.write(layout.borrowedObjects(), sb.toString(), "rw-------");
        return dirs;
    }

    private static void collect(Path objects, List<Path> into, int depth) throws IOException {
        if (into.contains(objects) || depth > 5) {
            return;
        }
        into.add(objects);
        Path alternates = objects.resolve("info").resolve("alternates");
        if (Files.isRegularFile(alternates)) {
            for (String line : Files.readAllLines(alternates, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    collect(objects.resolve(t).toRealPath(), into, depth + 1);
                }
            }
        }
    }

    /** The object folders provisioning recorded. */
    static List<Path> readBorrowedObjects(SessionLayout layout) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String line : Files.readAllLines(layout.borrowedObjects(), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && line.startsWith("/")) {
                dirs.add(Path.of(line.strip()));
            }
        }
        return dirs;
    }

    /**
     * The {@code /etc/profile} of members' sandboxes: the host's, then the session's {@code bin/} first on
     * {@code PATH} (Debian's profile resets {@code PATH}). {@code bin/} belongs to the server and is
     * read-only in every sandbox; nothing is written into members' homes.
     */
    static void writeProfile(SessionLayout layout) throws IOException {
        String host = Files.isRegularFile(HOST_PROFILE) ? Files.readString(HOST_PROFILE, StandardCharsets.UTF_8) : "";
        if (!host.isEmpty() && !host.endsWith("\n")) {
            host += "\n";
        }
        Fs.write(layout.profile(), host + "# SteadyState: the session's own commands first\nPATH="
                + Shell.quote(layout.bin().toString()) + ":\"$PATH\"\nexport PATH\n", "rw-r--r--");
    }

    /** Who may enter a session and how, as provisioned. */
    record Members(SessionMode mode, String creator, String creatorProvider, List<String> viewers, String repoUrl,
            Map<String, List<PublicKey>> keysByLogin) {
        Members {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(creator, "creator");
            viewers = List.copyOf(viewers);
            Objects.requireNonNull(repoUrl, "repoUrl");
            keysByLogin = new LinkedHashMap<>(keysByLogin);
        }
    }

    static void writeMembers(SessionLayout layout, Members m) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", m.mode().name());
        root.put("creator", m.creator());
        root.put("creator_provider", m.creatorProvider());
        root.put("viewers", m.viewers());
        root.put("repo_url", m.repoUrl());
        Map<String, List<String>> keys = new LinkedHashMap<>();
        m.keysByLogin().forEach((login, list) -> keys.put(login, list.stream().map(PublicKeyEntry::toString).toList()));
        root.put("keys", keys);
        Fs.write(layout.members(), MAPPER.writeValueAsString(root) + "\n", "rw-------");
    }

    static Members readMembers(SessionLayout layout) throws IOException {
        JsonNode root = MAPPER.readTree(layout.members().toFile());
        List<String> viewers = new ArrayList<>();
        root.path("viewers").forEach(v -> viewers.add(v.asText()));
        Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        var fields = root.path("keys").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            StringBuilder body = new StringBuilder();
            e.getValue().forEach(k -> body.append(k.asText()).append('\n'));
            keys.put(e.getKey(), GitHubKeys.parse(body.toString()));
        }
        String provider = root.path("creator_provider").isTextual() ? root.path("creator_provider").asText() : null;
        return new Members(SessionMode.valueOf(root.path("mode").asText()), root.path("creator").asText(), provider,
                viewers, root.path("repo_url").asText(), keys);
    }
}
