/**
 * SteadyState's three-way merge engine: text merge with token-level refinement, a structured pass
 * for the regions lines cannot settle (Java built in, more languages through
 * {@link io.steadystate.merge.structure.StructuredMerger}), and whole-tree merge of git commits or
 * directories. Embeddable on its own; depends on JGit and JavaParser.
 */
module io.steadystate.merge {
    // JGit types appear in io.steadystate.merge.tree.GitTrees, so readers of this module read JGit too.
    requires transitive org.eclipse.jgit;
    // An automatic module: requiring it puts it in the boot layer wherever this module is.
    requires com.github.javaparser.core;
    // The structured pass bounds itself in CPU time of the merging thread.
    requires java.management;

    exports io.steadystate.merge;
    exports io.steadystate.merge.structure;
    exports io.steadystate.merge.tree;

    uses io.steadystate.merge.structure.StructuredMerger;
}
