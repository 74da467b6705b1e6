package io.steadystate.compute.local.internal;

import io.steadystate.api.SessionId;
import io.steadystate.api.spi.ForgeCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Publishes a session: pushes the session branch from canonical to the repository the session was
 * cloned from, under the same ref name, with the creator's forge token, in the server's process.
 *
 * <p>Session users can write everything in the session folder, canonical's configuration included, and
 * the server must not let them steer a push that carries the creator's token. So the remote is the one
 * recorded when the session was provisioned (never {@code remote.origin.url}), and the push goes out of
 * a scratch repository of the server's own, outside every session, whose configuration the server wrote
 * (no {@code http.*}, {@code url.*.insteadOf} or {@code receivepack} settings of the user's), borrowing
 * canonical's objects through git alternates. Before that, canonical's object store is checked: its
 * alternates must be the ones provisioning wrote and it must hold no symbolic links, which could
 * otherwise pull files of the server into the push.
 *
 * <p>The token goes only to the forge that issued it (the host of {@code GITHUB_BASE_URL} for a GitHub
 * login), over HTTPS: a session cloned from anywhere else is pushed without it.
 *
 * <p>A failed push changes nothing: canonical is only read, the scratch repository is removed, and git
 * refuses a push that is not a fast-forward. Publishes of one session run one at a time.
 */
final class Publisher {

    /** The branch is pushed over HTTPS with this user name and the token as the password (GitHub's convention). */
    static final String TOKEN_USER = "x-access-token";
    private static final int PUSH_TIMEOUT_SECONDS = 120;

    /** How a publish ended. */
    sealed interface Outcome {
        /** The branch is on the remote at {@code commit}; {@code remote} carries no credentials. */
        record Published(String branch, String commit, String remote) implements Outcome {
        }

        /**
         * Nothing was published. {@code error} is one of {@code auth}, {@code non_fast_forward}, {@code network},
         * {@code rejected}, {@code no_origin}, {@code not_found}; {@code message} says what to do.
         */
        record Failed(String error, String message) implements Outcome {
        }
    }

    private final SessionId id;
    private final Path canonical;
    private final String branch;
    private final RepoSource origin;
    private final String alternates;
    private final ForgeCredentials credentials;
    /** The host the creator's token may be sent to, or null for none. */
    private final String tokenHost;
    private final Path scratchRoot;
    private final Path syncLog;
    private final ActivityLog activity;

    /**
     * @param canonical   the session's bare repository
     * @param branch      the session branch name, without {@code refs/heads/}
     * @param origin      the repository the session was cloned from
     * @param alternates  the content of canonical's {@code objects/info/alternates} as provisioning left it ("" for none)
     * @param tokenHost   the host that issued the creator's token, the only one it is sent to; null for none
     * @param scratchRoot a folder of the server's that no session can see, for the scratch repositories
     */
    Publisher(SessionId id, Path canonical, String branch, RepoSource origin, String alternates,
            ForgeCredentials credentials, String tokenHost, Path scratchRoot, Path syncLog, ActivityLog activity) {
        this.id = Objects.requireNonNull(id, "id");
        this.canonical = Objects.requireNonNull(canonical, "canonical");
        this.branch = Objects.requireNonNull(branch, "branch");
        this.origin = origin;
        this.alternates = Objects.requireNonNull(alternates, "alternates");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.tokenHost = tokenHost;
        this.scratchRoot = Objects.requireNonNull(scratchRoot, "scratchRoot");
        this.syncLog = Objects.requireNonNull(syncLog, "syncLog");
        this.activity = Objects.requireNonNull(activity, "activity");
    }

    /** canonical's {@code objects/info/alternates} now, or "" when there is none. */
    static String readAlternates(Path canonical) throws IOException {
        Path file = canonical.resolve("objects").resolve("info").resolve("alternates");
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The remote as people may see it: no user name or password. */
    String remoteForDisplay() {
        return origin == null ? "" : withoutCredentials(origin.url());
    }

    /** Publishes for {@code login}, records the outcome in the sync log and the activity log. */
    synchronized Outcome publish(String login) {
        Outcome outcome = push();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("user", login);
        switch (outcome) {
            case Outcome.Published p -> {
                entry.put("event", "publish");
                entry.put("commit", p.commit());
                entry.put("branch", p.branch());
                entry.put("remote", p.remote());
                activity.record(login, "publish", "pushed " + p.branch() + " at " + p.commit() + " to " + p.remote());
            }
            case Outcome.Failed f -> {
                entry.put("event", "publish-failed");
                entry.put("reason", f.message());
                activity.record(login, "publish-failed", f.error() + ": " + f.message());
            }
        }
        ActivityLog.append(syncLog, entry);
        return outcome;
    }

    private Outcome push() {
        if (origin == null) {
            return new Outcome.Failed("no_origin", "this session does not know the repository it was cloned from;"
                    + " push from a worktree with git instead");
        }
        String remote = remoteForDisplay();
        String ref = Constants.R_HEADS + branch;
        String pushUrl;
        boolean https = false;
        if (origin.local()) {
            if (!Files.isDirectory(origin.gitDir().resolve("objects"))) {
                return new Outcome.Failed("no_origin", "the repository this session was cloned from, " + remote
                        + ", is no longer there; nothing was published");
            }
            pushUrl = origin.gitDir().toString();
        } else if (origin.url().startsWith("https://")) {
            pushUrl = origin.url();
            https = true;
        } else {
            return new Outcome.Failed("rejected", "publish pushes over HTTPS or to a local repository, and " + remote
                    + " is neither; push the branch " + branch + " yourself");
        }
        Optional<String> problem = tampered();
        if (problem.isPresent()) {
            return new Outcome.Failed("rejected", "the session's repository was altered (" + problem.get()
                    + "), so the server will not push it; nothing was published");
        }
        ObjectId commit;
        try {
            commit = head(ref);
        } catch (IOException e) {
            return new Outcome.Failed("not_found", "the session branch " + branch + " cannot be read: " + e.getMessage());
        }
        if (commit == null) {
            return new Outcome.Failed("not_found", "the session branch " + branch + " is missing from the session's"
                    + " repository; nothing was published");
        }
        String token = null;
        boolean tokenAllowed = https && tokenHost != null && tokenHost.equalsIgnoreCase(host(origin.url()));
        if (tokenAllowed) {
            try {
                token = credentials.accessToken().filter(t -> !t.isBlank()).orElse(null);
            } catch (RuntimeException e) {
                return new Outcome.Failed("auth", "the server could not read the session creator's forge token;"
                        + " try again, or ask the server's operator to look at its log");
            }
        }
        Path scratch = null;
        try {
            Fs.privateDir(scratchRoot);
            scratch = Files.createTempDirectory(scratchRoot, id.value() + "-");
            try (Git git = Git.init().setBare(true).setDirectory(scratch.toFile()).call()) {
                Path info = scratch.resolve("objects").resolve("info");
                Files.createDirectories(info);
                Files.writeString(info.resolve("alternates"), canonical.resolve("objects").toAbsolutePath() + "\n",
                        StandardCharsets.UTF_8);
                // Reopened below through a fresh Git: the object database reads alternates when it opens.
            }
            try (Git git = Git.open(scratch.toFile())) {
                RefUpdate update = git.getRepository().updateRef(ref);
                update.setNewObjectId(commit);
                update.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result created = update.update();
                if (created != RefUpdate.Result.NEW) {
                    return new Outcome.Failed("rejected", "the server could not prepare the push (" + created + ")");
                }
                PushCommand push = git.push().setRemote(pushUrl).setRefSpecs(new RefSpec(ref + ":" + ref))
                        .setTimeout(PUSH_TIMEOUT_SECONDS);
                if (token != null) {
                    push.setCredentialsProvider(new UsernamePasswordCredentialsProvider(TOKEN_USER, token));
                }
                return outcome(push.call(), ref, commit, remote, tokenAllowed, token != null);
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            return failure(e, remote, tokenAllowed, token != null);
        } finally {
            if (scratch != null) {
                try {
                    Fs.deleteTree(scratch);
                } catch (IOException e) {
                    // a scratch repository left behind holds no secret
                }
            }
        }
    }

    private Outcome outcome(Iterable<PushResult> results, String ref, ObjectId commit, String remote, boolean tokenAllowed,
            boolean tokenSent) {
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(ref);
            if (update == null) {
                continue;
            }
            String why = update.getMessage() == null ? "" : " (" + update.getMessage() + ")";
            return switch (update.getStatus()) {
                case OK, UP_TO_DATE -> new Outcome.Published(branch, commit.name(), remote);
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> new Outcome.Failed("non_fast_forward",
                        remote + " has commits on " + branch + " that the session does not have (someone pushed there"
                                + " since); nothing was changed. Bring those commits into the session, or delete the"
                                + " branch there, and publish again");
                case REJECTED_OTHER_REASON -> isAuth(update.getMessage())
                        ? authFailure(remote, tokenAllowed, tokenSent)
                        : new Outcome.Failed("rejected", remote + " refused " + branch + why
                                + "; it may protect the branch or forbid pushes");
                default -> new Outcome.Failed("rejected", remote + " did not take " + branch + " ("
                        + update.getStatus() + why + ")");
            };
        }
        return new Outcome.Failed("rejected", remote + " did not report on " + branch + "; nothing is known to be published");
    }

    private Outcome failure(Exception e, String remote, boolean tokenAllowed, boolean tokenSent) {
        String message = messages(e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException
                    || t instanceof NotSupportedException) {
                return new Outcome.Failed("no_origin", "there is no repository at " + remote
                        + " any more (or it cannot be reached that way); nothing was published");
            }
        }
        if (isAuth(message)) {
            return authFailure(remote, tokenAllowed, tokenSent);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransportException || t instanceof org.eclipse.jgit.api.errors.TransportException
                    || t instanceof java.net.SocketException || t instanceof java.net.UnknownHostException) {
                return new Outcome.Failed("network", "could not reach " + remote + ": " + safe(message)
                        + "; check the network and try again");
            }
        }
        return new Outcome.Failed("rejected", "the push to " + remote + " failed: " + safe(message));
    }

    private Outcome authFailure(String remote, boolean tokenAllowed, boolean tokenSent) {
        if (!tokenAllowed) {
            return new Outcome.Failed("auth", remote + " wants credentials, and the server sends the session creator's"
                    + " forge token only to " + (tokenHost == null ? "the forge they logged in with" : tokenHost)
                    + "; push the branch " + branch + " yourself");
        }
        return new Outcome.Failed("auth", !tokenSent
                ? "the server holds no forge token for the session's creator, and " + remote + " wants one;"
                        + " the creator should run 'steadystate login' again, then publish"
                : remote + " refused the session creator's forge token; the creator should run 'steadystate login'"
                        + " again (the token may have expired or lack the right to push), then publish");
    }

    private static String host(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern HTTP_AUTH_STATUS = java.util.regex.Pattern.compile("(?<![\\d.:])40[13](?![\\d])");

    private static boolean isAuth(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        // Status codes as whole words only: the message carries the remote's URL, whose port may hold "401".
        return m.contains("not authorized") || m.contains("authentication") || HTTP_AUTH_STATUS.matcher(m).find()
                || m.contains("not permitted") || m.contains("permission to") || m.contains("credentialsprovider");
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !b.toString().contains(t.getMessage())) {
                if (!b.isEmpty()) {
                    b.append(": ");
                }
                b.append(t.getMessage());
            }
        }
        return b.isEmpty() ? e.toString() : b.toString();
    }

    /** A message from JGit may quote the URL it used; the one that reaches people never carries credentials. */
    private String safe(String message) {
        return origin.url().equals(remoteForDisplay()) ? message : message.replace(origin.url(), remoteForDisplay());
    }

    private ObjectId head(String ref) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(canonical.toFile()).setMustExist(true).build()) {
            Ref r = repo.exactRef(ref);
            if (r == null || r.getObjectId() == null) {
                return null;
            }
            try (RevWalk walk = new RevWalk(repo)) {
                return walk.parseCommit(r.getObjectId()).getId();
            }
        }
    }

    /** Why canonical's object store cannot be trusted, or empty when it can. */
    private Optional<String> tampered() {
        Path objects = canonical.resolve("objects");
        try {
            if (Files.isSymbolicLink(canonical) || Files.isSymbolicLink(objects) || !Files.isDirectory(objects)) {
                return Optional.of("its object folder was replaced");
            }
            if (!readAlternates(canonical).equals(alternates)) {
                return Optional.of("objects/info/alternates was changed");
            }
            try (Stream<Path> all = Files.walk(objects)) {
                Optional<Path> link = all.filter(Files::isSymbolicLink).findFirst();
                if (link.isPresent()) {
                    return Optional.of("a symbolic link in its object folder: " + canonical.relativize(link.get()));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("its object folder cannot be read: " + e.getMessage());
        }
    }

    /** {@code url} without user information ({@code https://user:secret@host/...} becomes {@code https://host/...}). */
    static String withoutCredentials(String url) {
        if (!url.startsWith("https://") && !url.startsWith("ssh://")) {
            return url;
        }
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            int at = url.indexOf('@');
            return at < 0 ? url : url.substring(0, url.indexOf("://") + 3) + url.substring(at + 1);
        }
    }
}
