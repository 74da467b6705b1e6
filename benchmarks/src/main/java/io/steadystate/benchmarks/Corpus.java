package io.steadystate.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The merge corpus: folders holding {@code base}, {@code ours}, {@code theirs} (and usually
 * {@code result}), one per scenario, grouped by repository ({@code REPO/NNNN/}).
 *
 * <p>Its location is, in order: the system property {@value #PROPERTY}, the environment variable
 * {@value #ENV}, or {@value #DEFAULT_RELATIVE} relative to the root of the checkout.
 */
public final class Corpus {

    public static final String PROPERTY = "steadystate.corpus";
    public static final String ENV = "STEADYSTATE_CORPUS";
    public static final String DEFAULT_RELATIVE = "../shared/merge-corpus";

    /** One three-way merge. */
    public record Scenario(String id, byte[] base, byte[] ours, byte[] theirs) {
        public long inputBytes() {
            return (long) base.length + ours.length + theirs.length;
        }
    }

    private Corpus() {
    }

    /** The corpus directory to use; it may not exist. */
    public static Path location() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return repoRoot().resolve(DEFAULT_RELATIVE).normalize();
    }

    /**
     * Loads every scenario under {@link #location()}, sorted by id.
     *
     * @throws IllegalStateException with a message saying how to point at the corpus, when there is none
     */
    public static List<Scenario> load() {
        Path dir = location();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("merge corpus not found at " + dir + ": pass -D" + PROPERTY
                    + "=DIR (or set " + ENV + "=DIR) to a folder of REPO/NNNN/{base,ours,theirs} scenarios");
        }
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            List<Path> folders = walk.filter(p -> Files.isRegularFile(p.resolve("base"))
                            && Files.isRegularFile(p.resolve("ours"))
                            && Files.isRegularFile(p.resolve("theirs")))
                    .sorted()
                    .toList();
            for (Path f : folders) {
                scenarios.add(new Scenario(dir.relativize(f).toString(),
                        Files.readAllBytes(f.resolve("base")),
                        Files.readAllBytes(f.resolve("ours")),
                        Files.readAllBytes(f.resolve("theirs"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the merge corpus at " + dir, e);
        }
        if (scenarios.isEmpty()) {
            throw new IllegalStateException("no scenarios (folders with base, ours and theirs) under " + dir
                    + ": pass -D" + PROPERTY + "=DIR (or set " + ENV + "=DIR) to the merge corpus");
        }
        return List.copyOf(scenarios);
    }

    /**
     * The root of the checkout: found from the benchmarks jar or classes folder
     * ({@code benchmarks/target/...}), else from the working directory.
     */
    static Path repoRoot() {
        try {
            Path code = Path.of(Corpus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (isRepoRoot(p)) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (isRepoRoot(p)) {
                return p;
            }
        }
        return cwd;
    }

    private static boolean isRepoRoot(Path p) {
        return Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("benchmarks/pom.xml"));
    }
}
