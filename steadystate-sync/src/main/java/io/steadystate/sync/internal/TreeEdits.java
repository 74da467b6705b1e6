package io.steadystate.sync.internal;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Applies changes to a git tree by rewriting only the folders that hold a change; every other subtree
 * keeps its id. A sync that changes ten files of a 5,000-file tree writes a few trees, not hundreds.
 */
public final class TreeEdits {

    private record Item(String name, FileMode mode, ObjectId id) {
        boolean isTree() {
            return mode == FileMode.TREE;
        }
    }

    private final ObjectReader reader;
    private final ObjectInserter inserter;
    private final ObjectDatabase odb;

    public TreeEdits(ObjectReader reader, ObjectInserter inserter, ObjectDatabase odb) {
        this.reader = reader;
        this.inserter = inserter;
        this.odb = odb;
    }

    /**
     * The tree {@code base} with each path of {@code changes} set to its entry, or removed when the entry
     * is null (folders left empty disappear). Blobs the repository lacks are inserted.
     */
    public ObjectId apply(AnyObjectId base, SortedMap<String, TreeEntry> changes) throws IOException {
        ObjectId id = rewrite(base, changes);
        return id != null ? id : inserter.insert(new TreeFormatter());
    }

    private ObjectId rewrite(AnyObjectId tree, SortedMap<String, TreeEntry> changes) throws IOException {
        Map<String, Item> items = tree == null ? new HashMap<>() : read(tree);
        Map<String, Item> original = Map.copyOf(items);
        Map<String, TreeEntry> here = new HashMap<>();
        Map<String, SortedMap<String, TreeEntry>> below = new TreeMap<>();
        for (var c : changes.entrySet()) {
            String path = c.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                here.put(path, c.getValue());
            } else {
                below.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>()).put(path.substring(slash + 1), c.getValue());
            }
        }
        for (var b : below.entrySet()) {
            Item before = original.get(b.getKey());
            ObjectId sub = rewrite(before != null && before.isTree() ? before.id() : null, b.getValue());
            if (sub == null) {
                items.remove(b.getKey());
            } else {
                items.put(b.getKey(), new Item(b.getKey(), FileMode.TREE, sub));
            }
        }
        for (var h : here.entrySet()) {
            String name = h.getKey();
            TreeEntry e = h.getValue();
            if (e == null) {
                // A file that became a folder: the folder written above replaces it.
                if (!below.containsKey(name)) {
                    items.remove(name);
                }
            } else {
                if (below.containsKey(name) && items.containsKey(name)) {
                    throw new IllegalStateException(name + " would be both a file and a folder");
                }
                items.put(name, new Item(name, Entries.mode(e.kind()), blob(e)));
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        List<Item> sorted = new ArrayList<>(items.values());
        sorted.sort(TreeEdits::gitOrder);
        TreeFormatter f = new TreeFormatter();
        for (Item i : sorted) {
            f.append(i.name(), i.mode(), i.id());
        }
        return inserter.insert(f);
    }

    private ObjectId blob(TreeEntry e) throws IOException {
        ObjectId id = GitTrees.toObjectId(e.blobId());
        if (e.kind() != EntryKind.GITLINK && !odb.has(id)) {
            id = inserter.insert(Constants.OBJ_BLOB, e.read());
        }
        return id;
    }

    private Map<String, Item> read(AnyObjectId tree) throws IOException {
        Map<String, Item> items = new HashMap<>();
        CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
        while (!p.eof()) {
            String name = p.getEntryPathString();
            items.put(name, new Item(name, p.getEntryFileMode(), p.getEntryObjectId()));
            p.next(1);
        }
        return items;
    }

    /** Git's order of tree entries: by name bytes, a folder compared as if its name ended in '/'. */
    private static int gitOrder(Item a, Item b) {
        byte[] x = key(a);
        byte[] y = key(b);
        return Arrays.compareUnsigned(x, y);
    }

    private static byte[] key(Item i) {
        return (i.isTree() ? i.name() + "/" : i.name()).getBytes(StandardCharsets.UTF_8);
    }
}
