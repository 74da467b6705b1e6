package io.steadystate.server.internal.sessions;

import io.steadystate.api.SessionMode;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.wire.CreateSessionRequest;
import io.steadystate.server.Config;
import io.steadystate.server.internal.http.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /sessions} body before anything reaches git or a process. Every value that a
 * provider later passes to git must not be readable as an option ({@code -u}, {@code --upload-pack=...}),
 * so nothing may start with {@code -}; repository URLs are limited to {@code https://}, {@code ssh://} and
 * {@code git@host:path}, or local repositories under the configured roots; branch names follow
 * {@code git check-ref-format}; logins are GitHub logins.
 */
final class SessionRequests {

    static final int MAX_URL = 2048;
    static final int MAX_BRANCH = 255;
    static final int MAX_MEMBERS = 100;

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");
    private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    /** {@code user@host:path}, git's scp-like syntax; the path may not start with '-' or '/'-less options. */
    private static final Pattern SCP_LIKE = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9._-]{0,63})@([A-Za-z0-9][A-Za-z0-9.-]{0,252}):(.+)");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[[0-9A-Fa-f:.]+\\]");
    private static final String URL_FORMS = "an https:// or ssh:// URL, git@host:path, or a local path or file:// URL "
            + "under one of the folders in " + Config.ALLOWED_REPO_ROOTS;

    private SessionRequests() {
    }

    /**
     * The validated spec, with a local repository replaced by its canonical path.
     *
     * @param creatorLogin  the creator's login, dropped from the allowed users (the creator may always join)
     * @param defaultProvider the provider a request without one gets
     * @throws ApiException 400 naming the field and the rule
     */
    static SessionSpec validate(CreateSessionRequest body, String creatorLogin, List<Path> allowedRepoRoots,
            String defaultProvider) {
        if (body == null) {
            throw bad("invalid_request", "send a JSON object with repo_url and mode");
        }
        if (body.mode() == null || body.mode().isBlank()) {
            throw bad("invalid_mode", "mode is required: collab or pair");
        }
        SessionMode mode;
        try {
            mode = SessionMode.fromWire(body.mode());
        } catch (IllegalArgumentException e) {
            throw bad("invalid_mode", "mode must be collab or pair");
        }
        String repo = repoUrl(body.repoUrl(), allowedRepoRoots);
        String branch = body.branch() == null ? null : branch(body.branch());
        List<String> allowed = logins(body.allowedUsers(), "allowed_users", creatorLogin);
        List<String> viewers = logins(body.viewers(), "viewers", creatorLogin);
        for (String v : viewers) {
            if (allowed.stream().anyMatch(a -> a.equalsIgnoreCase(v))) {
                throw bad("invalid_users", "'" + v + "' is both in allowed_users and in viewers; name each person once");
            }
        }
        String provider = body.provider() == null || body.provider().isBlank() ? defaultProvider : body.provider().strip();
        if (!PROVIDER.matcher(provider).matches()) {
            throw bad("invalid_provider", "provider must be a provider name: lower-case letters, digits, '_' and '-', "
                    + "starting with a letter");
        }
        return new SessionSpec(repo, branch, mode, allowed, viewers, provider);
    }

    /** The repository URL, or the canonical path of a local repository. */
    static String repoUrl(String value, List<Path> roots) {
        if (value == null || value.isBlank()) {
            throw bad("invalid_repo_url", "repo_url is required: " + URL_FORMS);
        }
        String url = value.strip();
        common(url, "repo_url", MAX_URL);
        if (url.startsWith("-")) {
            throw bad("invalid_repo_url", "repo_url must not start with '-' (it would be read as an option)");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("ssh://")) {
            remoteUrl(url);
            return url;
        }
        if (lower.startsWith("file://")) {
            URI uri = uri(url);
            if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
                throw bad("invalid_repo_url", "a file:// URL must have no host: file:///path/to/repo");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw bad("invalid_repo_url", "a file:// URL must have no query or fragment");
            }
            return localRepository(uri.getPath(), roots);
        }
        if (url.startsWith("/")) {
            return localRepository(url, roots);
        }
        if (!url.contains("://") && SCP_LIKE.matcher(url).matches()) {
            var m = SCP_LIKE.matcher(url);
            m.matches();
            String path = m.group(3);
            if (path.startsWith("-") || path.startsWith(":")) {
                throw bad("invalid_repo_url", "the path of repo_url must not start with '-' or ':'");
            }
            if (m.group(2).startsWith("-") || m.group(1).startsWith("-")) {
                throw bad("invalid_repo_url", "the user and host of repo_url must not start with '-'");
            }
            return url;
        }
        throw bad("invalid_repo_url", "repo_url must be " + URL_FORMS + " (http://, git://, ftp:// and other forms are refused)");
    }

    private static void remoteUrl(String url) {
        URI uri = uri(url);
        String host = uri.getHost();
        String authority = uri.getRawAuthority();
        if (host == null || authority == null || !HOST.matcher(host).matches()) {
            throw bad("invalid_repo_url", "repo_url has no valid host name");
        }
        String user = uri.getRawUserInfo();
        if (user != null) {
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                throw bad("invalid_repo_url", "repo_url must not carry credentials; every collaborator can read it");
            }
            if (user.startsWith("-") || user.contains(":")) {
                throw bad("invalid_repo_url", "the user of an ssh:// repo_url must be a plain name without a password");
            }
        }
        String path = uri.getRawPath();
        if (path == null || path.length() < 2) {
            throw bad("invalid_repo_url", "repo_url has no repository path");
        }
        if (uri.getRawFragment() != null) {
            throw bad("invalid_repo_url", "repo_url must have no fragment");
        }
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw bad("invalid_repo_url", "repo_url is not a valid URL: " + e.getReason());
        }
    }

    /** The canonical path of a local repository, which must lie under an allowed root after resolving links. */
    static String localRepository(String path, List<Path> roots) {
        if (roots.isEmpty()) {
            throw bad("local_repo_refused", "this server clones no local repositories; to allow some, set "
                    + Config.ALLOWED_REPO_ROOTS + " to the folders sessions may clone from (colon-separated)");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw bad("invalid_repo_url", "repo_url is not a valid path");
        }
        if (!p.isAbsolute()) {
            throw bad("invalid_repo_url", "a local repo_url must be an absolute path");
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw bad("repo_outside_roots", "repo_url must not contain '..'");
            }
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw bad("invalid_repo_url", "the local repository " + p + " does not exist");
        } catch (IOException | SecurityException e) {
            throw bad("invalid_repo_url", "the local repository " + p + " cannot be read");
        }
        for (Path root : roots) {
            Path realRoot;
            try {
                realRoot = root.toRealPath();
            } catch (IOException | SecurityException e) {
                continue; // a root that does not exist holds nothing
            }
            if (real.startsWith(realRoot)) {
                if (real.toString().startsWith("-")) {
                    throw bad("invalid_repo_url", "repo_url must not start with '-'");
                }
                return real.toString();
            }
        }
        throw bad("repo_outside_roots", "the local repository " + p + " is not under any folder in "
                + Config.ALLOWED_REPO_ROOTS + " (links are followed before checking)");
    }

    /** A branch name as {@code git check-ref-format --branch} accepts it. */
    static String branch(String value) {
        String b = value;
        common(b, "branch", MAX_BRANCH);
        if (b.isEmpty()) {
            throw bad("invalid_branch", "branch must not be empty");
        }
        if (b.startsWith("-")) {
            throw bad("invalid_branch", "branch must not start with '-' (it would be read as an option)");
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c <= ' ' || c == 0x7f || "~^:?*[\\".indexOf(c) >= 0) {
                throw bad("invalid_branch", "branch must not contain spaces, control characters or any of ~ ^ : ? * [ \\");
            }
        }
        if (b.contains("..") || b.contains("@{") || b.contains("//") || b.equals("@")) {
            throw bad("invalid_branch", "branch must not contain '..', '@{' or '//', nor be '@'");
        }
        if (b.endsWith("/") || b.endsWith(".") || b.endsWith(".lock") || b.startsWith("/")) {
            throw bad("invalid_branch", "branch must not start with '/' nor end with '/', '.' or '.lock'");
        }
        for (String part : b.split("/")) {
            if (part.startsWith(".") || part.endsWith(".lock")) {
                throw bad("invalid_branch", "no part of branch may start with '.' or end with '.lock'");
            }
        }
        return b;
    }

    /** Distinct GitHub logins (first spelling kept), without the creator's. */
    static List<String> logins(List<String> values, String field, String creatorLogin) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_MEMBERS) {
            throw bad("invalid_users", field + " may name at most " + MAX_MEMBERS + " people");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String login : values) {
            if (login == null || !LOGIN.matcher(login).matches()) {
                String shown = login == null ? "null" : printable(login);
                throw bad("invalid_users", field + " holds '" + shown + "', which is no GitHub login: 1 to 39 letters, "
                        + "digits and '-', not starting with '-'");
            }
            if (login.equalsIgnoreCase(creatorLogin)) {
                continue;
            }
            if (seen.add(login.toLowerCase(Locale.ROOT))) {
                out.add(login);
            }
        }
        return List.copyOf(out);
    }

    private static void common(String value, String field, int max) {
        if (value.length() > max) {
            throw bad("invalid_" + field, field + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw bad("invalid_" + field, field + " must not contain control characters");
            }
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }

    private static ApiException bad(String code, String message) {
        return ApiException.badRequest(code, message);
    }
}
