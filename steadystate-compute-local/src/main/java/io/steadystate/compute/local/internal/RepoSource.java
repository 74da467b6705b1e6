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
            return new RepoSource(text, null);
        }
        if (SCP_LIKE.matcher(text).matches()) {
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
        boolean allowed = false;
        for (Path root : allowedRoots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    allowed = true;
                    break;
                }
            } catch (IOException e) {
                // a root that does not exist allows nothing
            }
        }
        if (!allowed) {
            throw new ComputeException("local repositories must be under a folder listed in"
                    + " STEADYSTATE_ALLOWED_REPO_ROOTS; " + real + " is not");
        }
        File gitDir = RepositoryCache.FileKey.resolve(real.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new ComputeException(real + " is not a git repository");
        }
        try {
            return new RepoSource(text, gitDir.toPath().toRealPath());
        } catch (IOException e) {
            throw new ComputeException(real + " is not a readable git repository");
        }
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
