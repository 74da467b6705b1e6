package io.steadystate.cli.quickstart;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.ExecutableFinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main command: SteadyState end to end on this machine in about a minute. It starts a
 * server on loopback with the embedded store, the local compute provider and the {@code dev} sign-in,
 * creates a sample repository, starts a collab session, has two people join through the real SSH
 * client and edit, syncs, shows a conflict and its resolution and the sync-log, publishes to a local
 * bare "upstream", and tears everything down.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "Run SteadyState end to end on this machine: a server on loopback, a sample repository, a session that"
                    + " two people join over SSH, their edits merged by sync (including a conflict and its"
                    + " resolution), the sync-log, and a publish to a local bare repository. Everything it starts is"
                    + " stopped at the end.",
            "Needs git and the OpenSSH client (ssh, ssh-keygen). Your own sign-in and settings are not touched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every step worked",
            "1:a step failed (the message says which and why)",
            "255:the tour could not start (missing tool, unusable folder)"})
public final class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to create the tour's workspace, which is then kept (default: a new temporary folder,"
                    + " deleted at the end). Must be empty or new.")
    Path dir;

    @Option(names = "--keep", description = "Keep the workspace (repositories, server data and log) at the end.")
    boolean keep;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = main.environment();
        String launcher = env.get("STEADYSTATE_LAUNCHER");
        if (launcher == null || launcher.isBlank() || !Files.isExecutable(Path.of(launcher))) {
            err.println("error: quickstart needs to know how to start steadystate; run it through bin/steadystate");
            return Main.EXIT_ERROR;
        }
        ExecutableFinder path = ExecutableFinder.onPath(env.get("PATH"));
        for (String tool : List.of("git", "ssh", "ssh-keygen")) {
            if (path.find(tool).isEmpty()) {
                err.println("error: quickstart needs '" + tool + "' on PATH; install git and openssh-client and try again");
                return Main.EXIT_ERROR;
            }
        }
        Path workspace;
        if (dir != null) {
            workspace = Files.createDirectories(dir).toAbsolutePath();
            try (Stream<Path> files = Files.list(workspace)) {
                if (files.findAny().isPresent()) {
                    err.println("error: " + workspace + " is not empty; give --dir an empty or new folder");
                    return Main.EXIT_ERROR;
                }
            }
        } else {
            workspace = Files.createTempDirectory("steadystate-quickstart-").toAbsolutePath();
        }
        out.println("SteadyState quickstart: a shared session on this machine, two people, one canonical repository.");
        out.println("Workspace: " + workspace);
        out.flush();
        Tour tour = new Tour(launcher, workspace, childEnvironment(env), out);
        boolean ok = false;
        try {
            tour.run();
            ok = true;
        } catch (Processes.StepFailed e) {
            err.println("error: " + e.getMessage());
        } finally {
            tour.cleanUp();
            if (keep || dir != null || !ok) {
                out.println();
                out.println("The workspace is kept in " + workspace + (ok ? "" : " (see server.log there)"));
            } else {
                deleteTree(workspace);
            }
            out.flush();
        }
        if (!ok) {
            return 1;
        }
        out.println();
        out.println("What you saw: two people each had a private worktree in one session; 'steadystate sync' merged their");
        out.println("edits into the session branch (even two edits of one line), kept both sides of a real conflict, and");
        out.println("'steadystate publish' pushed the result upstream. Do the same for real: see \"Working together\" in");
        out.println("the README (steadystate login, up, join, sync, publish).");
        out.flush();
        return 0;
    }

    /**
     * What the programs the tour starts see: the user's PATH, HOME and locale, and none of the server or
     * CLI settings of this shell, so that the tour never touches the user's own server or sign-in.
     */
    private static Map<String, String> childEnvironment(Map<String, String> env) {
        Map<String, String> child = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "JAVA_HOME", "TMPDIR")) {
            String v = env.get(name);
            if (v != null) {
                child.put(name, v);
            }
        }
        return child;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
