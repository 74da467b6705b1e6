package io.steadystate.cli.quickstart;

import io.steadystate.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A one-minute tour of what SteadyState does today: two people edit different words of the same
 * lines in a real git repository; git's own merge conflicts, SteadyState's merge driver does not.
 */
@Command(name = "quickstart", description = "Show SteadyState's merge engine at work in a throw-away git repository.")
public final class QuickstartCommand implements Callable<Integer> {

    private static final String BASE = """
            public final class Greeter {
                static String greet(String name) {
                    return "Hello, " + name + "!";
                }

                static int retries = 3;
            }
            """;
    private static final String ALICE = BASE.replace("\"Hello, \"", "\"Welcome, \"");
    private static final String BOB = BASE.replace("+ name +", "+ name.strip() +").replace("retries = 3", "retries = 5");

    @Option(names = "--dir", description = "Where to create the demo repository (default: a new temporary folder).")
    Path dir;

    @Option(names = "--keep", description = "Keep the demo repository instead of deleting it at the end.")
    boolean keep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String launcher = System.getenv("STEADYSTATE_LAUNCHER");
        if (launcher == null || launcher.isBlank()) {
            err.println("error: quickstart needs to know how to start steadystate; run it through bin/steadystate");
            return Main.EXIT_ERROR;
        }
        Path repo = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("steadystate-quickstart-");
        if (dir != null && Files.list(repo).findAny().isPresent()) {
            err.println("error: " + repo + " is not empty; give --dir an empty or new folder");
            return Main.EXIT_ERROR;
        }
        Git git = new Git(repo, err);
        try {
            out.println("[1/4] Creating a repository in " + repo);
            git.run("init", "-q", "-b", "main");
            write(repo, "Greeter.java", BASE);
            git.run("add", "Greeter.java");
            git.run("commit", "-q", "-m", "Greeter");

            out.println("[2/4] alice changes the greeting; bob strips the name and raises retries (same lines)");
            git.run("checkout", "-q", "-b", "alice");
            write(repo, "Greeter.java", ALICE);
            git.run("commit", "-q", "-am", "alice: friendlier greeting");
            git.run("checkout", "-q", "-b", "bob", "main");
            write(repo, "Greeter.java", BOB);
            git.run("commit", "-q", "-am", "bob: strip names, more retries");

            out.println("[3/4] git merge with git's own text merge:");
            int plain = git.status("merge", "-q", "alice");
            out.println(plain == 0 ? "      merged cleanly" : "      CONFLICT: git cannot merge edits to the same line");
            if (plain != 0) {
                git.run("merge", "--abort");
            } else {
                git.run("reset", "-q", "--hard", "HEAD~1");
            }

            out.println("[4/4] git merge with SteadyState as the merge driver:");
            git.run("config", "merge.steadystate.name", "SteadyState three-way merge");
            String driver = shellQuote(launcher) + " merge-file %A %O %B";
            git.run("config", "merge.steadystate.driver", driver);
            write(repo, ".git/info/attributes", "*.java merge=steadystate\n");
            int ours = git.status("merge", "-q", "--no-edit", "alice");
            if (ours != 0) {
                err.println("error: the SteadyState merge driver did not merge cleanly (exit " + ours + ")");
                return Main.EXIT_ERROR;
            }
            out.println("      merged cleanly; Greeter.java now reads:");
            for (String line : Files.readAllLines(repo.resolve("Greeter.java"))) {
                out.println("      | " + line);
            }
            out.println();
            out.println("Use it in your own repository:");
            out.println("  git config merge.steadystate.driver \"" + driver + "\"");
            out.println("  echo '* merge=steadystate' >> .git/info/attributes");
            return 0;
        } catch (GitFailure e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_ERROR;
        } finally {
            if (keep || dir != null) {
                out.println("Demo repository kept in " + repo);
            } else {
                deleteTree(repo);
            }
            out.flush();
        }
    }

    /** git runs merge drivers through sh; quote the launcher path so spaces in it survive. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void write(Path repo, String name, String text) throws IOException {
        Files.writeString(repo.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs the system git in the demo repository, with argument lists only. */
    private record Git(Path repo, PrintWriter err) {
        void run(String... args) throws IOException, InterruptedException, GitFailure {
            int rc = status(args);
            if (rc != 0) {
                throw new GitFailure("git " + String.join(" ", args) + " failed with exit code " + rc);
            }
        }

        int status(String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=SteadyState Quickstart",
                    "-c", "user.email=quickstart@steadystate.invalid", "-c", "commit.gpgsign=false"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).directory(repo.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + args[0] + " did not finish within 60 s");
            }
            return p.exitValue();
        }
    }

    private static final class GitFailure extends Exception {
        GitFailure(String message) {
            super(message);
        }
    }
}
