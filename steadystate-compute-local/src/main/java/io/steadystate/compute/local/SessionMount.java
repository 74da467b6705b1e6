package io.steadystate.compute.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One part of a session's folder that a session process may see, decided by the provider for each
 * process from who it runs for: a member's shell sees its own home read-write and canonical read-only,
 * the sync service of that member sees canonical read-write and the member's home read-only, and so on.
 * A launcher that isolates processes shows them exactly these paths and nothing else of the session.
 *
 * @param source   the path on the host
 * @param target   where the process sees it (usually the same path)
 * @param writable whether the process may change it
 */
public record SessionMount(Path source, Path target, boolean writable) {

    public SessionMount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!source.isAbsolute() || !target.isAbsolute()) {
            throw new IllegalArgumentException("mount paths must be absolute: " + source + " -> " + target);
        }
        source = source.normalize();
        target = target.normalize();
    }

    /** {@code path} at the same place, read-only. */
    public static SessionMount readOnly(Path path) {
        return new SessionMount(path, path, false);
    }

    /** {@code path} at the same place, writable. */
    public static SessionMount writable(Path path) {
        return new SessionMount(path, path, true);
    }
}
