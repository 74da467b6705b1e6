package io.steadystate.merge.structure;

import io.steadystate.merge.MergeOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * The three versions of one file, as the line merge sees them: decoded from UTF-8, without a byte
 * order mark, with LF line endings where the sides agreed on a convention.
 *
 * @param path    the file's path (only its name matters to choose a merger), for messages
 * @param base    the common ancestor
 * @param ours    the side already in place
 * @param theirs  the side merged in
 * @param options the options of the whole merge, for mergers that merge parts of the file as text
 * @param budget  how long the structured merge of this file may take before it gives up
 */
public record FileVersions(String path, String base, String ours, String theirs, MergeOptions options, Duration budget) {
    public FileVersions {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative");
        }
    }
}
