package io.steadystate.cli;

import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.LoginCommand;
import io.steadystate.cli.auth.LogoutCommand;
import io.steadystate.cli.auth.WhoamiCommand;
import io.steadystate.cli.merge.MergeFileCommand;
import io.steadystate.cli.quickstart.QuickstartCommand;
import io.steadystate.cli.sessions.DownCommand;
import io.steadystate.cli.sessions.JoinCommand;
import io.steadystate.cli.sessions.SessionsCommand;
import io.steadystate.cli.sessions.UpCommand;
import io.steadystate.cli.sync.PublishCommand;
import io.steadystate.cli.sync.ResolveCommand;
import io.steadystate.cli.sync.SyncCommand;
import io.steadystate.cli.watch.DashboardCommand;
import io.steadystate.cli.watch.WatchCommand;
import io.steadystate.cli.worktree.CreditCommand;
import io.steadystate.cli.worktree.DiffCommand;
import io.steadystate.cli.worktree.StatusCommand;
import io.steadystate.cli.sync.SyncServiceCommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code steadystate} command.
 *
 * <p>Exit codes shared by every subcommand: 0 success, 129 wrong usage (as git), 255 error. Commands
 * that report conflicts use 1–127 for their count, as {@code git merge-file} does. Commands that talk
 * to the server end with 1 when the user is not logged in or authentication failed, or the server
 * refused the request (no such session, not its creator), and 2 when the server cannot be reached.
 */
@Command(
        name = "steadystate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Shared remote development sessions with a three-way merge engine.")
public final class Main implements Runnable {

    /** Every subcommand, in the order {@code --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(LoginCommand.class, LogoutCommand.class,
            WhoamiCommand.class, UpCommand.class, SessionsCommand.class, DownCommand.class, JoinCommand.class,
            SyncCommand.class, PublishCommand.class, ResolveCommand.class, StatusCommand.class, DiffCommand.class,
            CreditCommand.class, WatchCommand.class, DashboardCommand.class, QuickstartCommand.class,
            MergeFileCommand.class, SyncServiceCommand.class, CommandLine.HelpCommand.class);

    /** Exit code when the user is not logged in, or the server refused the credentials. */
    public static final int EXIT_AUTH = 1;
    /** Exit code when the server cannot be reached (or stays unavailable after the retries). */
    public static final int EXIT_UNREACHABLE = 2;
    /** Exit code for a command line that could not be understood. */
    public static final int EXIT_USAGE = 129;
    /** Exit code for a command that failed. */
    public static final int EXIT_ERROR = 255;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private Main(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment variables the commands read their configuration from. */
    public Map<String, String> environment() {
        return environment;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting. */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /** Runs the command line with the given environment variables instead of this process's. */
    public static int run(Map<String, String> environment, String... args) {
        CommandLine cl = new CommandLine(new Main(environment));
        // picocli builds a model of every command it is given, reflectively; commands like sync run often
        // and should start fast, so a command line that names one command registers only that one.
        for (Class<?> command : commandsFor(args)) {
            cl.addSubcommand(command);
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            String message = ex.getMessage() == null ? "" : ex.getMessage().replaceFirst("^Error: ", "");
            cmd.getErr().println("error: " + message);
            cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CliException e) {
                cmd.getErr().println("error: " + e.getMessage());
                return e.exitCode();
            }
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return EXIT_ERROR;
        });
        return cl.execute(args);
    }

    /**
     * The named subcommand when {@code args} starts with one's name or alias; every subcommand otherwise
     * (which includes {@code help}, since it may be asked about any of them).
     */
    static List<Class<?>> commandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : COMMANDS) {
                Command a = c.getAnnotation(Command.class);
                if (c != CommandLine.HelpCommand.class
                        && (a.name().equals(args[0]) || List.of(a.aliases()).contains(args[0]))) {
                    return List.of(c);
                }
            }
        }
        return COMMANDS;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getModule().getDescriptor() == null
                    ? null
                    : Main.class.getModule().getDescriptor().rawVersion().orElse(null);
            return new String[] {"steadystate " + (v == null ? "dev" : v)};
        }
    }
}
