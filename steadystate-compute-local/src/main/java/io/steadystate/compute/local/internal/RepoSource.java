package io.steadystate.compute.local.internal;

import io.steadystate.api.spi.ComputeException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

/**
 * A repository a session may be cloned from: {@code https://}, {@code ssh://} and {@code git@host:path}
 * URLs, or a local repository (a path or a {@code file://} URL) under one of the allowed roots.
 * Everything else, and anything that could pass for an option ({@code -...}), is refused.
 *
 * @param url     the text as given, to record as the clone's origin
 * @param gitDir  for a local repository, its git folder (resolved, no symbolic links); else null
 */
record RepoSource(String url, Path gitDir) {

    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?![-/])[A-Za-z0-9._/~-]+");
    private static final Pattern SAFE_URL = Pattern.compile("[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]+");

    boolean local() {
        return gitDir != null;
    }

    /** Validates {@code text}; {@code allowedRoots} are the folders local repositories may live in. */
    static RepoSource parse(String text, List<Path> allowedRoots) throws ComputeException {
        return parse(text, allowedRoots, null);
    }

    /**
     * Validates {@code text}; {@code allowedRoots} are the folders local repositories may live in, and
     * {@code hosts} (when given) decides which remote hosts may be cloned from.
     */
    static RepoSource parse(String text, List<Path> allowedRoots, RepoHosts hosts) throws ComputeException {
        if (text == null || text.isBlank()) {
            throw new ComputeException("the repository URL is empty");
        }
        if (text.startsWith("-")) {
            throw new ComputeException("the repository URL must not start with '-'");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new ComputeException("the repository URL must not contain spaces or control characters");
            }
        }
        if (text.startsWith("https://") || text.startsWith("ssh://")) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new ComputeException("the repository URL is malformed: " + e.getReason());
            }
            if (uri.getHost() == null || uri.getHost().startsWith("-") || !SAFE_URL.matcher(text).matches()) {
                throw new ComputeException("the repository URL has no valid host");
            }
            if (uri.getRawPath() == null || uri.getRawPath().length() < 2) {
                throw new ComputeException("the repository URL names no repository");
            }
            if (hosts != null) {
                hosts.check(uri.getHost());
            }
            return new RepoSource(text, null);
        }
        if (SCP_LIKE.matcher(text).matches()) {
            if (hosts != null) {
                hosts.check(text.substring(text.indexOf('@') + 1, text.indexOf(':')));
            }
            return new RepoSource(text, null);
        }
        Path path;
        if (text.startsWith("file://")) {
            try {
                path = Path.of(new URI(text));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new ComputeException("the file:// URL is malformed");
            }
        } else if (text.startsWith("/")) {
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw new ComputeException("the repository path is malformed");
            }
        } else {
            throw new ComputeException("only https://, ssh://, git@host:path URLs and absolute local paths"
                    + " or file:// URLs are accepted");
        }
        return local(text, path, allowedRoots);
    }

    private static RepoSource local(String text, Path path, List<Path> allowedRoots) throws ComputeException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new ComputeException("the local repository " + path + " does not exist");
        }
        requireAllowed(real, real, allowedRoots);
        File gitDir = RepositoryCache.FileKey.resolve(real.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new ComputeException(real + " is not a git repository");
        }
        Path dir;
        try {
            dir = gitDir.toPath().toRealPath();
        } catch (IOException e) {
            throw new ComputeException(real + " is not a readable git repository");
        }
        // Every folder git reads must really be under an allowed root, not only the path given: a .git that is
        // a link (or a "gitdir:" file), objects/ or refs/ that are links, or alternates, could lead anywhere.
        requireAllowed(real, dir, allowedRoots);
        for (String part : List.of("objects", "refs", "packed-refs", "commondir", "config")) {
            Path p = dir.resolve(part);
            if (Files.exists(p)) {
                requireAllowed(real, realPath(real, p), allowedRoots);
            }
        }
        Path common = dir.resolve("commondir");
        if (Files.isRegularFile(common)) {
            try {
                requireAllowed(real, realPath(real, dir.resolve(Files.readString(common).strip())), allowedRoots);
            } catch (IOException e) {
                throw new ComputeException(real + " is not a readable git repository");
            }
        }
        checkAlternates(real, realPath(real, dir.resolve("objects")), allowedRoots, 0);
        return new RepoSource(text, dir);
    }

    /** Alternates (and theirs, a few levels deep) must be under an allowed root too. */
    private static void checkAlternates(Path repo, Path objects, List<Path> allowedRoots, int depth) throws ComputeException {
        Path file = objects.resolve("info").resolve("alternates");
        if (!Files.exists(file)) {
            return;
        }
        if (depth >= 5) {
            throw new ComputeException(repo + " borrows objects through too many alternates");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ComputeException(repo + " is not a readable git repository");
        }
        for (String line : lines) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                Path borrowed = realPath(repo, objects.resolve(t));
                requireAllowed(repo, borrowed, allowedRoots);
                checkAlternates(repo, borrowed, allowedRoots, depth + 1);
            }
        }
    }

    private static Path realPath(Path repo, Path p) throws ComputeException {
        try {
            return p.toRealPath();
        } catch (IOException | InvalidPathException e) {
            throw new ComputeException(repo + " is not a readable git repository");
        }
    }

    private static void requireAllowed(Path repo, Path real, List<Path> allowedRoots) throws ComputeException {
        for (Path root : allowedRoots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return;
                }
            } catch (IOException e) {
                // a root that does not exist allows nothing
            }
        }
        throw new ComputeException("local repositories must be under a folder listed in"
                + " STEADYSTATE_ALLOWED_REPO_ROOTS, and so must every folder git reads for them; "
                + (real.equals(repo) ? repo + " is not" : "a folder git reads for " + repo + " is not (a link leads out)"));
    }

    /** The allowed roots from a colon-separated list; blanks and relative entries are ignored. */
    static List<Path> roots(String colonSeparated) {
        List<Path> roots = new ArrayList<>();
        if (colonSeparated == null) {
            return roots;
        }
        for (String part : colonSeparated.split(":")) {
            if (!part.isBlank() && part.trim().startsWith("/")) {
                roots.add(Path.of(part.trim()));
            }
        }
        return roots;
    }

    /** Whether {@code branch} is acceptable as a branch name. */
    static boolean validBranch(String branch) {
        return branch != null && !branch.startsWith("-") && Repository.isValidRefName("refs/heads/" + branch);
    }
}
