package io.steadystate.merge.internal.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One version of a Java file: its lines, and what the structured merge needs of its syntax tree
 * (import lines, and for every type the lines of each member). Line numbers count from 0.
 */
final class JavaSource {

    private final String text;
    private final int[] lineStarts;
    private final List<ImportLine> imports = new ArrayList<>();
    private final List<TypeBody> types = new ArrayList<>();

    private JavaSource(String text, int[] lineStarts) {
        this.text = text;
        this.lineStarts = lineStarts;
    }

    /** The parsed source, or empty when it does not parse or its lines cannot be mapped with certainty. */
    static Optional<JavaSource> parse(String text, TimeBound bound) {
        try {
            return parseOrFail(text, bound);
        } catch (TimeBound.Expired e) {
            throw e;
        } catch (RuntimeException e) {
            // A tree the mapping does not expect (a node without a position, say) is a file not understood.
            return Optional.empty();
        }
    }

    private static Optional<JavaSource> parseOrFail(String text, TimeBound bound) {
        // The parser also ends lines at a lone CR; the line merge does not. Such a file is not mapped.
        for (int i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
            if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                return Optional.empty();
            }
        }
        ParserConfiguration config = new ParserConfiguration()
                // No validation of language rules (it doubles the parse time, and a merge needs only the
                // shape of the file); no attaching of comments to nodes: a member's lines start right
                // after the member before it, so its comments are part of it anyway.
                .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
                .setAttributeComments(false)
                // Positions come from the tokens, so they are kept.
                .setStoreTokens(true);
        ParseResult<CompilationUnit> result =
                new JavaParser(config).parse(new DeadlineReader(text, bound));
        if (!result.isSuccessful() || result.getResult().isEmpty() || bound.expired()) {
            return Optional.empty();
        }
        JavaSource source = new JavaSource(text, lineStarts(text));
        CompilationUnit unit = result.getResult().get();
        for (ImportDeclaration imp : unit.getImports()) {
            int first = line(imp.getBegin());
            int last = line(imp.getEnd());
            source.imports.add(new ImportLine(first, last, normalize(source.lines(first, last + 1))));
        }
        for (TypeDeclaration<?> type : unit.getTypes()) {
            source.collect(type, type.getNameAsString());
        }
        return Optional.of(source);
    }

    private void collect(TypeDeclaration<?> type, String path) {
        TypeBody body = TypeBody.of(this, type, path);
        if (body != null) {
            types.add(body);
        }
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                collect(nested, path + "." + nested.getNameAsString());
            }
        }
        if (type instanceof EnumDeclaration e) {
            e.getEntries().forEach(entry -> entry.getClassBody().forEach(m -> {
                if (m instanceof TypeDeclaration<?> nested) {
                    collect(nested, path + "." + entry.getNameAsString() + "." + nested.getNameAsString());
                }
            }));
        }
    }

    static int line(Optional<Position> p) {
        return p.orElseThrow(() -> new IllegalStateException("node without a position")).line - 1;
    }

    /**
     * The line of the first {@code wanted} character after {@code after} that is code (not in a comment
     * or a literal) and outside parentheses, or -1.
     */
    int lineOfCode(char wanted, Position after) {
        if (after.line < 1 || after.line > lineStarts.length) {
            return -1;
        }
        int i = lineStarts[after.line - 1] + after.column; // the character after the position
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = text.indexOf('\n', i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                i = text.indexOf("*/", i + 2);
                if (i < 0) {
                    return -1;
                }
                i += 2;
                continue;
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(i);
                if (i < 0) {
                    return -1;
                }
                continue;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == wanted && depth == 0) {
                return lineAt(i);
            }
            i++;
        }
        return -1;
    }

    /** The offset after the string, text block or character literal that starts at {@code i}, or -1. */
    private int endOfLiteral(int i) {
        char quote = text.charAt(i);
        if (quote == '"' && text.startsWith("\"\"\"", i)) {
            int end = text.indexOf("\"\"\"", i + 3);
            while (end > 0 && text.charAt(end - 1) == '\\') {
                end = text.indexOf("\"\"\"", end + 1);
            }
            return end < 0 ? -1 : end + 3;
        }
        for (int k = i + 1; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == quote) {
                return k + 1;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    private int lineAt(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static int[] lineStarts(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                n++;
            }
        }
        int[] starts = new int[text.isEmpty() ? 0 : n];
        int k = 0;
        if (!text.isEmpty()) {
            starts[k++] = 0;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** Lines {@code [from, to)} with their line endings. */
    String lines(int from, int to) {
        if (from >= to) {
            return "";
        }
        int end = to >= lineStarts.length ? text.length() : lineStarts[to];
        return text.substring(lineStarts[from], end);
    }

    String line(int i) {
        return lines(i, i + 1);
    }

    boolean isBlank(int line) {
        return line(line).isBlank();
    }

    List<ImportLine> imports() {
        return imports;
    }

    List<TypeBody> types() {
        return types;
    }

    /** An import declaration: its lines {@code [first, last]} and its text with whitespace normalised. */
    record ImportLine(int first, int last, String key) {
    }
}
