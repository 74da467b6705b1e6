package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the end-to-end tests of sessions share: SSH keys, git, and fields of the CLI's JSON. */
final class SessionKit {

    private SessionKit() {
    }

    /** Makes an ed25519 key pair {@code dir/login} (no passphrase); returns the public key line. */
    static String keygen(Path dir, String login) throws Exception {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", login, "-f",
                dir.resolve(login).toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readString(dir.resolve(login + ".pub"));
    }

    /** Runs the system git in {@code dir}, expecting success; returns what it printed. */
    static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Makes {@code repo} a git repository whose one commit on main holds what the folder holds. */
    static void commitAll(Path repo) throws Exception {
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=Dev", "-c", "user.email=dev@example.invalid", "commit", "-q", "-m", "initial");
    }

    /** A string field of a JSON object the CLI printed. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
