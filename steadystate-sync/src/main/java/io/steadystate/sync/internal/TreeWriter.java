package io.steadystate.sync.internal;

import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.sync.Author;
import io.steadystate.sync.SyncException;
import java.io.IOException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Writes a merged tree and its commit into the canonical repository, and moves the session branch. */
public final class TreeWriter {

    private final Repository repo;

    public TreeWriter(Repository repo) {
        this.repo = repo;
    }

    /**
     * Writes a commit whose tree is {@code parent}'s with {@code changes} applied (null: removed) and
     * whose only parent is {@code parent}; only the folders that hold a change are rewritten. Nothing
     * refers to the new objects until the branch moves, so a crash here leaves only garbage.
     */
    public ObjectId commitChanges(java.util.SortedMap<String, TreeEntry> changes, ObjectId parent, Author author,
            String message) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter(); org.eclipse.jgit.lib.ObjectReader reader = repo.newObjectReader();
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(reader)) {
            ObjectId base = walk.parseCommit(parent).getTree();
            ObjectId tree = new TreeEdits(reader, ins, repo.getObjectDatabase()).apply(base, changes);
            ObjectId commit = ins.insert(commitOf(tree, parent, author, message));
            ins.flush();
            return commit;
        }
    }

    private static CommitBuilder commitOf(ObjectId tree, ObjectId parent, Author author, String message) {
        PersonIdent who = new PersonIdent(author.name(), author.email());
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        c.setParentId(parent);
        c.setAuthor(who);
        c.setCommitter(who);
        c.setMessage(message);
        return c;
    }

    /**
     * Moves {@code branch} from {@code expected} to {@code next}, atomically: git's lock file and
     * rename, and a compare-and-set against {@code expected}.
     */
    public static void moveBranch(Repository repo, String branch, ObjectId expected, ObjectId next, String login)
            throws IOException, SyncException {
        RefUpdate u = repo.updateRef(Constants.R_HEADS + branch);
        u.setExpectedOldObjectId(expected);
        u.setNewObjectId(next);
        u.setRefLogIdent(new PersonIdent(login, login + "@users.noreply.github.com"));
        u.setRefLogMessage("steadystate sync by " + login, false);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED) {
            throw new SyncException("could not move the session branch (" + r + "); canonical changed without the sync"
                    + " lock. Nothing was changed in your worktree: run sync again");
        }
    }

}
