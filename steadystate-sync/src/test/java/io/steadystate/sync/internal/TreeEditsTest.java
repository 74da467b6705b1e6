package io.steadystate.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeSnapshot;
import io.steadystate.sync.Author;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rewriting only the changed folders gives exactly the tree a full rebuild gives. */
class TreeEditsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void incrementalTreesEqualFullRebuilds(long seed) throws Exception {
        Random random = new Random(seed);
        try (Git git = Git.init().setBare(true).setDirectory(tmp.toFile()).call()) {
            Repository repo = git.getRepository();
            TreeWriter writer = new TreeWriter(repo);
            Author author = Author.ofLogin("t");
            TreeMap<String, TreeEntry> files = new TreeMap<>();
            for (int i = 0; i < 60; i++) {
                String path = "d" + random.nextInt(4) + "/e" + random.nextInt(3) + "/f" + i + ".txt";
                files.put(path, entry(path, "content " + i));
            }
            files.put("top.txt", entry("top.txt", "top"));
            ObjectId parent = fullRebuild(repo, files, null);

            SortedMap<String, TreeEntry> changes = new TreeMap<>();
            List<String> paths = new ArrayList<>(files.keySet());
            for (int k = 0; k < 8; k++) {
                String p = paths.get(random.nextInt(paths.size()));
                switch (random.nextInt(4)) {
                    case 0 -> changes.put(p, entry(p, "changed " + k));
                    case 1 -> changes.put(p, null);
                    case 2 -> changes.put("new" + k + "/deep/x.txt", entry("new" + k + "/deep/x.txt", "new " + k));
                    default -> changes.put(p, new TreeEntry(p, EntryKind.EXECUTABLE, files.get(p).content()));
                }
            }
            // A file that becomes a folder, and a folder that becomes a file.
            changes.put("top.txt", null);
            changes.put("top.txt/inside.txt", entry("top.txt/inside.txt", "inside"));
            TreeMap<String, TreeEntry> expected = new TreeMap<>(files);
            changes.forEach((p, e) -> {
                if (e == null) {
                    expected.remove(p);
                } else {
                    expected.put(p, e);
                }
            });
            String folder = "d" + random.nextInt(4);
            for (String p : List.copyOf(expected.keySet())) {
                if (p.startsWith(folder + "/")) {
                    expected.remove(p);
                    changes.put(p, null);
                }
            }
            changes.put(folder, entry(folder, "now a file"));
            expected.put(folder, changes.get(folder));

            ObjectId incremental = writer.commitChanges(changes, parent, author, "edit");
            ObjectId full = fullRebuild(repo, expected, parent);
            try (RevWalk walk = new RevWalk(repo)) {
                assertThat(walk.parseCommit(incremental).getTree().getId())
                        .isEqualTo(walk.parseCommit(full).getTree().getId());
            }
            TreeSnapshot read = GitTrees.read(repo, incremental);
            assertThat(read.paths()).containsExactlyElementsOf(expected.keySet());
        }
    }

    /** The reference: every entry into an in-memory index, written as trees from scratch. */
    private static ObjectId fullRebuild(Repository repo, Map<String, TreeEntry> entries, ObjectId parent) throws Exception {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (TreeEntry e : entries.values()) {
                DirCacheEntry d = new DirCacheEntry(e.path());
                d.setFileMode(Entries.mode(e.kind()));
                d.setObjectId(ins.insert(Constants.OBJ_BLOB, e.read()));
                builder.add(d);
            }
            builder.finish();
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(index.writeTree(ins));
            if (parent != null) {
                c.setParentId(parent);
            }
            PersonIdent who = new PersonIdent("t", "t@example.invalid");
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage("reference");
            ObjectId commit = ins.insert(c);
            ins.flush();
            return commit;
        }
    }

    private static TreeEntry entry(String path, String content) {
        return TreeEntry.of(path, EntryKind.FILE, (content + "\n").getBytes(StandardCharsets.UTF_8));
    }

}
