package io.steadystate.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.SessionMode;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.BackendClient;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steadystate up REPO}: asks the server for a new session on a repository. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Start a session on a repository (POST /sessions) and print its id, its magic link and the command "
                    + "that joins it. The server provisions it in the background; --wait follows it until it runs.",
            "REPO is an https://, ssh:// or git@host:path URL, or a local folder (made absolute; the server must "
                    + "allow its location).",
            "Server: STEADYSTATE_BACKEND_URL (default http://localhost:3000)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the session was created (with --wait: it is Running)",
            "1:the server refused the session, it failed or ended while provisioning, --wait timed out, "
                    + "or not logged in",
            "2:the server cannot be reached",
            "129:wrong usage",
            "255:any other error"})
public final class UpCommand implements Callable<Integer> {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern SESSION_ID = Pattern.compile("[a-z0-9]{8,40}");
    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** {@code scheme://}, as git tells a URL from a path. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    @Parameters(paramLabel = "REPO", arity = "0..1", description = "The repository: a URL, or a local folder.")
    String repo;

    @Option(names = "--resume", paramLabel = "ID",
            description = "Run again a session the server stopped while it was idle (its data was kept), instead of"
                    + " starting a new one.")
    String resume;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "collab",
            description = "collab (a worktree each, merged by sync) or pair (one shared terminal). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--allow", paramLabel = "USER", split = ",",
            description = "Who may join besides you, by login: --allow alice,bob. Nobody else can.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--viewers", paramLabel = "USER", split = ",",
            description = "Who may watch a pair session without typing.")
    List<String> viewers = new ArrayList<>();

    @Option(names = "--branch", paramLabel = "B", description = "The branch to start from (default: the repository's).")
    String branch;

    @Option(names = "--provider", paramLabel = "P", description = "The compute provider (default: the server's).")
    String provider;

    @Option(names = "--wait", description = "Wait until the session is Running, showing progress on standard error.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print the session as the server last described it, as JSON, and nothing "
            + "else on standard output.")
    boolean json;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    BackendClient.Sleeper sleeper = Thread::sleep;

    @Override
    public Integer call() throws IOException {
        SessionsApi api;
        JsonNode node;
        if (resume != null) {
            if (repo != null) {
                throw usage("--resume takes a session id and no REPO");
            }
            String id = sessionId(spec, resume);
            api = new SessionsApi(BackendClient.create(Text.config(main)));
            node = api.resume(id);
        } else {
            if (repo == null) {
                throw usage("REPO is missing: the repository to start a session on (or --resume ID)");
            }
            CreateSessionRequest request = request(Path.of("").toAbsolutePath());
            api = new SessionsApi(BackendClient.create(Text.config(main)));
            node = api.create(request);
        }
        String id = SessionsApi.view(node).id();
        if (id == null || !SESSION_ID.matcher(id).matches()) {
            throw new CliException(Main.EXIT_ERROR, "the server's answer to POST /sessions has no valid session id");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (await) {
            node = new Waiter(api::get, sleeper, System::nanoTime, POLL_INTERVAL, Duration.ofSeconds(timeoutSeconds), err)
                    .await(id, node);
        }
        SessionView session = SessionsApi.view(node);
        if (json) {
            out.println(Json.mapper().writeValueAsString(node));
        } else if (!await || SessionView.RUNNING.equals(session.state())) {
            out.print(describe(session));
        }
        out.flush();
        if (!await || SessionView.RUNNING.equals(session.state())) {
            return 0;
        }
        if (SessionView.FAILED.equals(session.state())) {
            err.println("error: session " + id + " failed: "
                    + (session.message() == null ? "the server gave no reason" : Text.printable(session.message())));
        } else {
            err.println("error: session " + id + " is " + Text.printable(session.state()) + "; it ended before it ran");
        }
        err.flush();
        return Main.EXIT_AUTH;
    }

    /** What {@code up} prints about a session for people: id and state, then the link and the join command. */
    static String describe(SessionView s) {
        StringBuilder b = new StringBuilder();
        b.append("Session ").append(Text.printable(s.id())).append(": ").append(Text.printable(s.state()))
                .append(" (").append(Text.printable(s.mode())).append(", ").append(Text.printable(s.repoUrl()))
                .append(")\n");
        if (s.magicLink() == null || s.magicLink().isBlank()) {
            b.append("The magic link is ready once the session is Running (up --wait waits for it; "
                    + "steadystate sessions --json shows it).\n");
        } else {
            String link = Text.printable(s.magicLink());
            b.append("Magic link: ").append(link).append('\n');
            b.append("Join with:  ").append(ShellQuote.joinCommand(link)).append('\n');
        }
        return b.toString();
    }

    /** The request from the command line, checked; relative folders are taken from {@code cwd}. */
    CreateSessionRequest request(Path cwd) {
        SessionMode m;
        try {
            m = SessionMode.fromWire(mode);
        } catch (IllegalArgumentException e) {
            throw usage("--mode must be collab or pair, not '" + Text.printable(mode) + "'");
        }
        String repoUrl;
        try {
            repoUrl = repository(repo, cwd);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (branch != null && (branch.isBlank() || branch.startsWith("-") || !printableWord(branch))) {
            throw usage("--branch must be a branch name, not '" + Text.printable(branch) + "'");
        }
        if (provider != null && !PROVIDER.matcher(provider).matches()) {
            throw usage("--provider must be a provider name, not '" + Text.printable(provider) + "'");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
            throw usage("--timeout must be between 1 and 86400 seconds");
        }
        List<String> allowed = logins("--allow", allow);
        List<String> watching = logins("--viewers", viewers);
        return new CreateSessionRequest(repoUrl, branch, m.wireName(), allowed.isEmpty() ? null : allowed,
                watching.isEmpty() ? null : watching, provider);
    }

    /**
     * {@code repo} as the server is sent it: a URL ({@code scheme://...}) or scp-style address ({@code host:path},
     * a colon before any slash, as git reads it) unchanged; anything else is a local folder, made absolute
     * against {@code cwd}, which must exist.
     */
    static String repository(String repo, Path cwd) {
        if (repo == null || repo.isBlank()) {
            throw new IllegalArgumentException("REPO must not be empty");
        }
        if (!printableWord(repo)) {
            throw new IllegalArgumentException("REPO must not contain control characters or surrounding spaces");
        }
        if (URL.matcher(repo).matches()) {
            return repo;
        }
        int colon = repo.indexOf(':');
        int slash = repo.indexOf('/');
        if (colon > 1 && (slash < 0 || colon < slash) && !repo.startsWith("-")) {
            return repo; // git@github.com:org/repo.git; a colon at 1 is a Windows drive letter
        }
        Path folder;
        try {
            folder = cwd.resolve(repo).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("REPO is neither a URL nor a folder: " + e.getMessage());
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("REPO is neither a URL nor a folder: " + folder + " does not exist");
        }
        return folder.toString();
    }

    /** Checks the logins of {@code option} and drops blanks around them; an empty entry is an error. */
    private List<String> logins(String option, List<String> names) {
        List<String> checked = new ArrayList<>();
        for (String name : names) {
            String n = name.strip();
            if (!LOGIN.matcher(n).matches()) {
                throw usage(option + " takes logins separated by commas; '" + Text.printable(name) + "' is not one");
            }
            if (!checked.contains(n)) {
                checked.add(n);
            }
        }
        return checked;
    }

    private static boolean printableWord(String s) {
        return s.equals(s.strip()) && s.chars().noneMatch(Character::isISOControl);
    }

    /** {@code id} if it has the form of a session id, else a usage error. */
    static String sessionId(CommandLine.Model.CommandSpec spec, String id) {
        if (id == null || !SESSION_ID.matcher(id).matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "not a session id: '" + Text.printable(id)
                    + "' (8 to 40 lower-case letters and digits, as steadystate sessions shows)");
        }
        return id;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
