package io.steadystate.merge.structure;

import io.steadystate.merge.internal.java.JavaStructuredMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Structured mergers keyed by file extension. A registry rather than asking every merger about every
 * file: choosing is one map look-up per file, and which merger wins an extension is decided once,
 * in a fixed order (the first one given), instead of depending on the order of the module path.
 */
public final class StructuredMergers {

    private static final StructuredMergers NONE = new StructuredMergers(List.of());

    private final Map<String, StructuredMerger> byExtension = new TreeMap<>();

    private StructuredMergers(List<StructuredMerger> mergers) {
        for (StructuredMerger m : mergers) {
            Objects.requireNonNull(m, "merger");
            if (m.extensions().isEmpty()) {
                throw new IllegalArgumentException("merger " + m.name() + " names no extension");
            }
            for (String ext : m.extensions()) {
                byExtension.putIfAbsent(ext.toLowerCase(Locale.ROOT), m);
            }
        }
    }

    /** The given mergers; for an extension claimed twice, the first one given. */
    public static StructuredMergers of(List<? extends StructuredMerger> mergers) {
        return new StructuredMergers(List.copyOf(mergers));
    }

    /** No structured merging: every file is merged as text only. */
    public static StructuredMergers none() {
        return NONE;
    }

    /** The built-in mergers (Java), then those other modules provide through {@link ServiceLoader}. */
    public static StructuredMergers standard() {
        return Standard.INSTANCE;
    }

    /** The merger for {@code path}, by the extension of its file name. */
    public Optional<StructuredMerger> forPath(String path) {
        if (path == null || byExtension.isEmpty()) {
            return Optional.empty();
        }
        String ext = extension(path);
        return ext == null ? Optional.empty() : Optional.ofNullable(byExtension.get(ext));
    }

    /** The lower-case extension of the file name in {@code path}, or null when it has none. */
    private static String extension(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The merger for {@code path} by its extension; when the file name has no extension at all (a
     * merge driver's temporary file, say), the first merger that
     * {@linkplain StructuredMerger#recognizes recognises} {@code text}.
     */
    public Optional<StructuredMerger> forFile(String path, String text) {
        Optional<StructuredMerger> byName = forPath(path);
        if (byName.isPresent() || text == null || path == null || extension(path) != null) {
            return byName;
        }
        String head = text.length() > 4096 ? text.substring(0, 4096) : text;
        return byExtension.values().stream().distinct().filter(m -> m.recognizes(head)).findFirst();
    }

    private static final class Standard {
        static final StructuredMergers INSTANCE = load();

        private static StructuredMergers load() {
            List<StructuredMerger> all = new ArrayList<>();
            all.add(new JavaStructuredMerger());
            try {
                ServiceLoader.load(StructuredMerger.class, StructuredMergers.class.getClassLoader())
                        .forEach(all::add);
            } catch (java.util.ServiceConfigurationError e) {
                // A broken provider must not break merging: the built-in mergers still work.
            }
            return new StructuredMergers(all);
        }
    }
}
