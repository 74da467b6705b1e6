package io.steadystate.merge.tree;

/** The two sides of a tree merge. */
public enum Side {
    /** A participant's tree, merged in; "theirs" to the text merge. */
    LOCAL,
    /** The shared tree already in place; "ours" to the text merge, kept where a conflict needs a winner. */
    CANONICAL;

    /** The lower-case name used in labels and in the names of files saved aside. */
    public String label() {
        return this == LOCAL ? "local" : "canonical";
    }
}
