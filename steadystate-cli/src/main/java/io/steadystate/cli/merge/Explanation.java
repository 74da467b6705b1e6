package io.steadystate.cli.merge;

import io.steadystate.merge.TextMergeResult;
import java.io.PrintWriter;

/** What {@code merge-file --explain} prints: one line per settled region, where it is and which rule settled it. */
final class Explanation {

    private Explanation() {
    }

    static void print(PrintWriter err, String name, TextMergeResult.Merged merged) {
        if (merged.resolutions().isEmpty()) {
            err.println(name + ": no region changed on both sides was settled by a rule"
                    + (merged.conflictCount() > 0 ? " (" + merged.conflictCount() + " left in conflict)" : ""));
        }
        for (TextMergeResult.Resolution r : merged.resolutions()) {
            String lines = r.lines() == 0 ? "removed before line " + r.line()
                    : r.lines() == 1 ? "line " + r.line() : "lines " + r.line() + "-" + (r.line() + r.lines() - 1);
            err.println(name + ": " + lines + " (ours line " + r.oursLine() + "): " + r.rule());
        }
        err.flush();
    }
}
