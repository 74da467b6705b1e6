package io.steadystate.merge.internal.java;

import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The body of one type as lines: each member owns the lines from the end of the member before it
 * (or the opening brace) to its own last line, so comments and blank lines before a member travel
 * with it; what follows the last member, up to the closing brace, is the trailer.
 *
 * @param path         the type's name, with the names of the types around it
 * @param membersFrom  first line of the first member's lines
 * @param trailerFrom  first line after the last member
 * @param close        the line of the closing brace
 * @param members      the members in source order
 */
record TypeBody(String path, int membersFrom, int trailerFrom, int close, List<Member> members) {

    /** The body of {@code type}, or null when its members do not sit on lines of their own. */
    static TypeBody of(JavaSource source, TypeDeclaration<?> type, String path) {
        if (type.getName().getEnd().isEmpty() || type.getEnd().isEmpty()) {
            return null;
        }
        int open = source.lineOfCode('{', type.getName().getEnd().get());
        if (open < 0) {
            return null;
        }
        int membersFrom = open + 1;
        if (type instanceof EnumDeclaration e && !e.getEntries().isEmpty()) {
            int lastEntry = JavaSource.line(e.getEntries().getLast().orElseThrow().getEnd());
            membersFrom = lastEntry + 1;
            if (!e.getMembers().isEmpty()) {
                int semicolon = source.lineOfCode(';', e.getEntries().getLast().orElseThrow().getEnd().get());
                if (semicolon < 0) {
                    return null;
                }
                membersFrom = semicolon + 1;
            }
        }
        int close = JavaSource.line(type.getEnd());
        List<Member> members = new ArrayList<>();
        Map<String, Integer> ordinals = new HashMap<>();
        int next = membersFrom;
        for (BodyDeclaration<?> m : type.getMembers()) {
            int begin = JavaSource.line(m.getBegin());
            int end = JavaSource.line(m.getEnd());
            if (begin < next || end >= close) {
                return null;
            }
            Member member = Member.of(m, next, end + 1, ordinals);
            members.add(member);
            next = end + 1;
        }
        if (next > close) {
            return null;
        }
        return new TypeBody(path, membersFrom, next, close, List.copyOf(members));
    }

    /**
     * One member and its lines {@code [from, to)}.
     *
     * @param key       what identifies it across versions: kind, name and parameter types
     * @param params    the parameter types of a method or constructor ("" for other members)
     * @param name      its simple name ("" when it has none)
     */
    record Member(String key, String name, String params, int from, int to) {

        static Member of(BodyDeclaration<?> m, int from, int to, Map<String, Integer> ordinals) {
            String key;
            String name = "";
            String params = "";
            if (m instanceof MethodDeclaration md) {
                name = md.getNameAsString();
                params = params(md);
                key = "method " + name + "(" + params + ")";
            } else if (m instanceof ConstructorDeclaration cd) {
                name = cd.getNameAsString();
                params = params(cd);
                key = "constructor " + name + "(" + params + ")";
            } else if (m instanceof CompactConstructorDeclaration cc) {
                name = cc.getNameAsString();
                key = "compact constructor " + name;
            } else if (m instanceof FieldDeclaration fd) {
                name = fd.getVariables().stream().map(VariableDeclarator::getNameAsString).collect(Collectors.joining(","));
                key = "field " + name;
            } else if (m instanceof TypeDeclaration<?> td) {
                name = td.getNameAsString();
                key = "type " + name;
            } else if (m instanceof AnnotationMemberDeclaration am) {
                name = am.getNameAsString();
                key = "annotation member " + name;
            } else if (m instanceof InitializerDeclaration init) {
                String kind = init.isStatic() ? "static initializer" : "initializer";
                key = kind + " #" + ordinals.merge(kind, 1, Integer::sum);
            } else {
                String kind = m.getClass().getSimpleName();
                key = kind + " #" + ordinals.merge(kind, 1, Integer::sum);
            }
            return new Member(key, name, params, from, to);
        }

        private static String params(CallableDeclaration<?> c) {
            return c.getParameters().stream()
                    .map(p -> p.getType().toString().replaceAll("\\s+", "") + (p.isVarArgs() ? "..." : ""))
                    .collect(Collectors.joining(","));
        }
    }
}
