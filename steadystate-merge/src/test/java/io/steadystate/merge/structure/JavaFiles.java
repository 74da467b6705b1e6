package io.steadystate.merge.structure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Seeded random Java files for the structured merge's properties: a class with imports, fields and
 * methods, and random edits of it (members added anywhere, deleted, their bodies changed; imports
 * added and deleted), the kind of concurrent work that leaves a line merge in conflict.
 */
final class JavaFiles {

    private static final String[] IMPORT_POOL = {
        "java.util.List", "java.util.Map", "java.util.Set", "java.util.Optional", "java.io.IOException",
        "java.io.File", "java.nio.file.Path", "java.time.Duration", "java.util.function.Function",
        "java.util.concurrent.Callable", "java.net.URI", "java.util.regex.Pattern",
    };

    /** A file's model: sorted imports, members by name in order, each with its text. */
    record Model(TreeSet<String> imports, LinkedHashMap<String, String> members) {
        Model copy() {
            return new Model(new TreeSet<>(imports), new LinkedHashMap<>(members));
        }

        String render() {
            StringBuilder sb = new StringBuilder("package p;\n\n");
            for (String i : imports) {
                sb.append("import ").append(i).append(";\n");
            }
            sb.append("\n/** A class. */\npublic class C {\n");
            for (String m : members.values()) {
                sb.append('\n').append(m);
            }
            sb.append("}\n");
            return sb.toString();
        }
    }

    private final Random random;
    private final String tag;
    private int counter;

    JavaFiles(long seed, String tag) {
        this.random = new Random(seed);
        this.tag = tag;
    }

    Model base() {
        TreeSet<String> imports = new TreeSet<>();
        for (int i = 0; i < 3 + random.nextInt(4); i++) {
            imports.add(IMPORT_POOL[random.nextInt(IMPORT_POOL.length)]);
        }
        LinkedHashMap<String, String> members = new LinkedHashMap<>();
        int n = 3 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            String name = "m" + i;
            members.put(name, random.nextInt(4) == 0 ? field(name, i) : method(name, i, 1 + random.nextInt(4)));
        }
        return new Model(imports, members);
    }

    /** A copy of {@code base} with a few random edits, new names carrying this generator's tag. */
    Model edit(Model base, Random r) {
        Model m = base.copy();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            List<String> names = new ArrayList<>(m.members().keySet());
            switch (r.nextInt(6)) {
                case 0, 1 -> {
                    String name = "added" + tag + (counter++);
                    insertAt(m.members(), r.nextInt(names.size() + 1), name, method(name, r.nextInt(100), 1 + r.nextInt(3)));
                }
                case 2 -> {
                    if (!names.isEmpty()) {
                        m.members().remove(names.get(r.nextInt(names.size())));
                    }
                }
                case 3 -> {
                    if (!names.isEmpty()) {
                        String name = names.get(r.nextInt(names.size()));
                        if (m.members().get(name).contains("(")) {
                            m.members().put(name, method(name, 1000 + r.nextInt(1000), 1 + r.nextInt(4)));
                        }
                    }
                }
                case 4 -> m.imports().add(IMPORT_POOL[r.nextInt(IMPORT_POOL.length)]);
                default -> {
                    if (!m.imports().isEmpty()) {
                        m.imports().remove(new ArrayList<>(m.imports()).get(r.nextInt(m.imports().size())));
                    }
                }
            }
        }
        return m;
    }

    private static void insertAt(LinkedHashMap<String, String> members, int at, String name, String text) {
        List<Map.Entry<String, String>> all = new ArrayList<>(members.entrySet());
        all.add(at, Map.entry(name, text));
        members.clear();
        all.forEach(en -> members.put(en.getKey(), en.getValue()));
    }

    private static String field(String name, int value) {
        return "    private int " + name + " = " + value + ";\n";
    }

    private static String method(String name, int seed, int statements) {
        StringBuilder sb = new StringBuilder("    /** Does " + name + ". */\n    int " + name + "(int x) {\n");
        for (int s = 0; s < statements; s++) {
            sb.append("        x = x * ").append(seed + s).append(" + ").append(s).append(";\n");
        }
        return sb.append("        return x;\n    }\n").toString();
    }
}
