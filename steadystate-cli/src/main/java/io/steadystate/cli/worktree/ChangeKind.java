package io.steadystate.cli.worktree;

/** How a path of the worktree differs from the base of its next sync. */
enum ChangeKind {
    ADDED("added", "added:"),
    MODIFIED("modified", "modified:"),
    DELETED("deleted", "deleted:"),
    /** Only the executable bit changed; a file whose content changed too is {@link #MODIFIED}. */
    MODE_CHANGED("mode-changed", "mode change:"),
    /** A file became a symlink or the other way round (or a submodule became either). */
    TYPE_CHANGED("type-changed", "type change:");

    private final String json;
    private final String label;

    ChangeKind(String json, String label) {
        this.json = json;
        this.label = label;
    }

    /** The name in {@code status --json}. */
    String json() {
        return json;
    }

    /** The label in {@code status}'s listing. */
    String label() {
        return label;
    }
}
