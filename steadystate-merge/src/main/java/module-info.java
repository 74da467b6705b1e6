/**
 * SteadyState's three-way merge engine: text merge with token-level refinement, and whole-tree merge
 * of git commits or directories. Embeddable on its own; depends only on JGit.
 */
module io.steadystate.merge {
    // JGit types appear in io.steadystate.merge.tree.GitTrees, so readers of this module read JGit too.
    requires transitive org.eclipse.jgit;

    exports io.steadystate.merge;
    exports io.steadystate.merge.tree;
}
