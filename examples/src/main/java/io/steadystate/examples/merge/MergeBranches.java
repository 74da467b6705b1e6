package io.steadystate.examples.merge;

import io.steadystate.merge.tree.ConflictKind;
import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.MergedEntry;
import io.steadystate.merge.tree.TreeConflict;
import io.steadystate.merge.tree.TreeMergeResult;
import io.steadystate.merge.tree.TreeMerger;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Embeds the merge engine: merges two revisions of a git repository in memory, without touching the
 * work tree, and prints what a merge would do.
 *
 * <pre>java -p ... -m io.steadystate.examples/io.steadystate.examples.merge.MergeBranches REPO OURS THEIRS</pre>
 */
public final class MergeBranches {

    private MergeBranches() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: MergeBranches REPO OURS THEIRS");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0]), args[1], args[2], System.out) ? 0 : 1);
    }

    /** Prints the merge of two revisions; returns whether it is clean. */
    public static boolean run(Path repoDir, String oursRev, String theirsRev, PrintStream out) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(repoDir.resolve(".git").toFile()).setMustExist(true).build()) {
            ObjectId ours = resolve(repo, oursRev);
            ObjectId theirs = resolve(repo, theirsRev);
            TreeSnapshot base = GitTrees.read(repo, mergeBase(repo, ours, theirs));
            // "Canonical" is the side already in place (ours); "local" is the incoming one (theirs).
            TreeMergeResult result = new TreeMerger().merge(base, GitTrees.read(repo, theirs), GitTrees.read(repo, ours));
            for (MergedEntry entry : result.entries()) {
                if (entry instanceof MergedEntry.Written written) {
                    out.println("merged   " + written.path() + " (" + written.size() + " bytes)");
                }
            }
            for (TreeConflict conflict : result.conflicts()) {
                out.println("conflict " + conflict.path() + " [" + describe(conflict.kind()) + "] " + conflict.message());
            }
            out.println(result.stats());
            return result.isClean();
        }
    }

    private static String describe(ConflictKind kind) {
        return kind.name().toLowerCase().replace('_', '-');
    }

    private static ObjectId resolve(Repository repo, String revision) throws IOException {
        ObjectId id = repo.resolve(revision);
        if (id == null) {
            throw new IOException("no such revision: " + revision);
        }
        return id;
    }

    private static ObjectId mergeBase(Repository repo, ObjectId a, ObjectId b) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            RevCommit base = walk.next();
            if (base == null) {
                throw new IOException("the two revisions have no common ancestor");
            }
            return base;
        }
    }
}
