package io.steadystate.sync;

import java.util.Locale;

/**
 * Which repository paths a worktree may hold. Git refuses the same on checkout: a path that climbs out
 * ({@code ..}), names git's own folder ({@code .git} in any case), is absolute or empty in a part would
 * let a commit write outside the worktree's files, or into its git hooks.
 */
final class SafePaths {

    private SafePaths() {
    }

    static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            String p = part.toLowerCase(Locale.ROOT);
            if (p.isEmpty() || p.equals(".") || p.equals("..") || p.equals(".git") || p.startsWith(".git ")
                    || p.equals(".steadystate")) {
                return false;
            }
        }
        return true;
    }
}
