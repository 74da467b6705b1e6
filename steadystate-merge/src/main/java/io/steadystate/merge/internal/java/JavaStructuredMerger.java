package io.steadystate.merge.internal.java;

import io.steadystate.merge.structure.FileMerge;
import io.steadystate.merge.structure.FileVersions;
import io.steadystate.merge.structure.StructuredMerger;
import java.util.Set;

/**
 * The structured merger for Java: imports merged as a set, members of a type merged by signature.
 * Everything else stays with the line merge.
 */
public final class JavaStructuredMerger implements StructuredMerger {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("java");
    }

    /**
     * A Java file names its package or its imports before anything else but comments: that is
     * unmistakable, where guessing from keywords further down would not be.
     */
    @Override
    public boolean recognizes(String text) {
        return JAVA_HEAD.matcher(text).lookingAt();
    }

    private static final java.util.regex.Pattern JAVA_HEAD = java.util.regex.Pattern.compile(
            "\\A\\uFEFF?(?:\\s|//[^\\n]*\\n|/\\*(?s:.*?)\\*/)*(?:@[\\w.]+\\s*)*(?:package|import(?:\\s+static)?)\\s+[\\w.]+(?:\\s*\\.\\s*\\*)?\\s*;");

    @Override
    public FileMerge open(FileVersions versions) {
        return new JavaFileMerge(versions);
    }
}
