package io.steadystate.cli.watch;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The controlling terminal, driven with ANSI sequences and {@code stty}: keys are read from {@code /dev/tty}
 * (standard input when it cannot be opened), the screen is written to standard output. The terminal's settings
 * are saved on {@link #enter} and put back on {@link #leave}, which a shutdown hook also calls, so that Ctrl-C or
 * a SIGTERM does not leave the terminal without echo.
 */
final class DevTty implements Tty {

    static final String ALT_SCREEN_ON = "\u001b[?1049h";
    static final String ALT_SCREEN_OFF = "\u001b[?1049l";
    static final String CURSOR_OFF = "\u001b[?25l";
    static final String CURSOR_ON = "\u001b[?25h";
    static final String CLEAR = "\u001b[2J";

    private static final File DEV_TTY = new File("/dev/tty");

    private final InputStream keys;
    private final boolean keysFromDevTty;
    private final PrintStream out;
    private final Map<String, String> env;
    private final AtomicBoolean entered = new AtomicBoolean();
    private volatile String saved;

    private DevTty(InputStream keys, boolean keysFromDevTty, PrintStream out, Map<String, String> env) {
        this.keys = keys;
        this.keysFromDevTty = keysFromDevTty;
        this.out = out;
        this.env = env;
    }

    /** The terminal, or empty when {@code stty} cannot read its settings (no terminal after all). */
    static Optional<DevTty> open(Map<String, String> env) {
        DevTty tty;
        try {
            tty = new DevTty(new FileInputStream(DEV_TTY), true, System.out, env);
        } catch (IOException e) {
            tty = new DevTty(new FileInputStream(FileDescriptor.in), false, System.out, env);
        }
        return tty.stty("-g").isPresent() ? Optional.of(tty) : Optional.empty();
    }

    @Override
    public Size size() {
        Optional<String> s = stty("size");
        if (s.isPresent()) {
            String[] f = s.get().strip().split("\\s+");
            if (f.length == 2) {
                try {
                    int rows = Integer.parseInt(f[0]);
                    int cols = Integer.parseInt(f[1]);
                    if (rows > 0 && cols > 0) {
                        return new Size(cols, rows);
                    }
                } catch (NumberFormatException e) {
                    // fall through to the environment
                }
            }
        }
        return fromEnvironment(env);
    }

    /** {@code COLUMNS} and {@code LINES} when they are set, else 80 by 24. */
    static Size fromEnvironment(Map<String, String> env) {
        return new Size(positive(env.get("COLUMNS"), Size.DEFAULT.columns()), positive(env.get("LINES"),
                Size.DEFAULT.rows()));
    }

    @Override
    public void enter() {
        if (entered.compareAndSet(false, true)) {
            saved = stty("-g").map(String::strip).orElse(null);
            stty("-icanon", "-echo", "min", "1");
            write(ALT_SCREEN_ON + CURSOR_OFF);
        }
    }

    @Override
    public void leave() {
        if (entered.compareAndSet(true, false)) {
            write("\u001b[0m" + CURSOR_ON + ALT_SCREEN_OFF);
            restore(saved);
        }
    }

    @Override
    public byte[] read(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                int n = keys.available();
                if (n > 0) {
                    byte[] b = new byte[Math.min(n, 4096)];
                    int got = keys.read(b);
                    return got <= 0 ? new byte[0] : java.util.Arrays.copyOf(b, got);
                }
                if (System.nanoTime() >= deadline) {
                    return new byte[0];
                }
                // available() rather than a blocking read: a read left waiting would steal the keys of a command
                // that later runs on this terminal.
                Thread.sleep(20);
            }
        } catch (IOException e) {
            return new byte[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new byte[0];
        }
    }

    @Override
    public void awaitKey() {
        String before = stty("-g").map(String::strip).orElse(null);
        stty("-icanon", "-echo", "min", "1");
        try {
            keys.read();
            while (keys.available() > 0 && keys.read() >= 0) {
                // the rest of an escape sequence
            }
        } catch (IOException e) {
            // the terminal went away: nothing to wait for
        } finally {
            restore(before);
        }
    }

    @Override
    public void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    private void restore(String settings) {
        if (settings != null && !settings.isEmpty()) {
            stty(settings);
        } else {
            stty("sane");
        }
    }

    /** Runs {@code stty ARGS} on the terminal; its output, or empty when it failed. */
    private Optional<String> stty(String... args) {
        List<String> argv = new ArrayList<>(List.of("stty"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(keysFromDevTty ? ProcessBuilder.Redirect.from(DEV_TTY) : ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int positive(String value, int fallback) {
        try {
            int v = value == null ? fallback : Integer.parseInt(value.strip());
            return v > 0 && v < 10_000 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
