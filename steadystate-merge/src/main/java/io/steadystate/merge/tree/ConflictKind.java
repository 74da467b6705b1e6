package io.steadystate.merge.tree;

/** Why a path could not be merged without a human decision. */
public enum ConflictKind {
    /** Both sides changed a text file in overlapping places; the merged file holds conflict markers. */
    CONTENT,
    /** Both sides changed a binary file; canonical's is in place and local's is saved aside. */
    BINARY,
    /** One side deleted what the other modified; the modified version is kept. */
    DELETE_MODIFY,
    /** Both sides changed the executable bit differently; canonical's mode is kept. */
    MODE,
    /** Both sides changed a symlink's target differently; canonical's is kept. */
    SYMLINK,
    /** Both sides moved a submodule to different commits; canonical's is kept. */
    SUBMODULE,
    /** The sides made the path different kinds of entry (say a file and a symlink); canonical's is in place and local's saved aside. */
    TYPE,
    /** The path is a file on one side and a directory on the other; the directory is kept and the file saved aside. */
    FILE_DIRECTORY
}
