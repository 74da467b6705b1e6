package io.steadystate.merge.internal.java;

import java.time.Duration;

/** Parses a small file once per process, so that class loading does not count against a file's time budget. */
final class ParserWarmUp {

    private static final String SAMPLE = """
            package p;

            import java.util.List;

            class A<T> extends B implements C {
                /** Doc. */
                @Deprecated
                private final List<T> items = List.of();

                A(int x) throws Exception {
                    super(x);
                }

                enum E { ONE, TWO; void f() {} }

                record R(int a) {}

                <U> U m(U u, String... rest) {
                    return switch (rest.length) { case 0 -> u; default -> null; };
                }
            }
            """;

    /** What a process's first structured merge may take on top of its budget: the parser's code is still cold. */
    static final Duration FIRST_FILE_ALLOWANCE = Duration.ofSeconds(1);

    private static final java.util.concurrent.atomic.AtomicBoolean FIRST = new java.util.concurrent.atomic.AtomicBoolean(true);

    private ParserWarmUp() {
    }

    /** Loads the parser; returns the extra time this file gets (only the first file of a process gets any). */
    static Duration ensure() {
        Holder.touch();
        return FIRST.getAndSet(false) ? FIRST_FILE_ALLOWANCE : Duration.ZERO;
    }

    private static final class Holder {
        static {
            try {
                JavaSource.parse(SAMPLE, TimeBound.startingNow(Duration.ofSeconds(30)));
            } catch (RuntimeException e) {
                // Only a warm-up: the real parse reports what is wrong.
            }
        }

        static void touch() {
            // Class initialisation above does the work.
        }
    }
}
