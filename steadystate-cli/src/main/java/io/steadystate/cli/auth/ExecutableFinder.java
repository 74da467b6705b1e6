package io.steadystate.cli.auth;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a program by name, as a shell would on {@code PATH}. */
@FunctionalInterface
public interface ExecutableFinder {

    Optional<Path> find(String name);

    /** Looks in the folders of a {@code PATH}-style list. */
    static ExecutableFinder onPath(String path) {
        return name -> {
            if (path == null || path.isBlank()) {
                return Optional.empty();
            }
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                try {
                    Path candidate = Path.of(dir).resolve(name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                } catch (InvalidPathException e) {
                    // skip an entry that is not a path
                }
            }
            return Optional.empty();
        };
    }

    /** Looks on this process's {@code PATH}. */
    static ExecutableFinder system() {
        return onPath(System.getenv("PATH"));
    }
}
