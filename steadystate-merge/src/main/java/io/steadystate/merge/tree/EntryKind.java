package io.steadystate.merge.tree;

/** The kinds of entry a git tree holds; directories are implied by the paths beneath them. */
public enum EntryKind {
    /** A regular file (git mode 100644). */
    FILE,
    /** A regular file with the executable bit (git mode 100755). */
    EXECUTABLE,
    /** A symbolic link (git mode 120000); its content is the link target. */
    SYMLINK,
    /** A submodule commit (git mode 160000); its content is the commit id in hex. */
    GITLINK;

    /** Whether this is {@link #FILE} or {@link #EXECUTABLE}, the kinds whose content can be text-merged. */
    public boolean isRegularFile() {
        return this == FILE || this == EXECUTABLE;
    }
}
