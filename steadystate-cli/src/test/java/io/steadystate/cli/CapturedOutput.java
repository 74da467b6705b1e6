package io.steadystate.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures {@code System.out} and {@code System.err} around each test, for tests that run
 * {@code Main.run(...)} in this process; register it with {@code @RegisterExtension}.
 */
public final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** Forgets what was printed so far. */
    public void reset() {
        System.out.flush();
        System.err.flush();
        out.reset();
        err.reset();
    }

    /** What was printed on stdout so far. */
    public String out() {
        System.out.flush();
        return out.toString(UTF_8);
    }

    /** What was printed on stderr so far. */
    public String err() {
        System.err.flush();
        return err.toString(UTF_8);
    }
}
