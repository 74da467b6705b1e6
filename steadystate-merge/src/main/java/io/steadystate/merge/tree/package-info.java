/**
 * Whole-tree three-way merge.
 *
 * <p>A {@link io.steadystate.merge.tree.TreeSnapshot} lists a tree's entries with lazy content: read
 * one from a git commit with {@link io.steadystate.merge.tree.GitTrees} or from a work tree on disk
 * with {@link io.steadystate.merge.tree.DirectoryTrees}. {@link io.steadystate.merge.tree.TreeMerger}
 * merges a local tree into the canonical one against their common base and returns a
 * {@link io.steadystate.merge.tree.TreeMergeResult}: the merged entries, the conflicts and counts.
 */
package io.steadystate.merge.tree;
