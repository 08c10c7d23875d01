package dev.flowdesk.rules;

import dev.flowdesk.rules.RuleSetValidationException.RuleProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps uploaded DRL to what rules are for. A rule's consequence is plain Java that runs inside the server, and
 * Drools cannot sandbox it on Java 17, so designers' rule sets may import only Flowdesk's rule facts and
 * {@code java.util}, {@code java.time}, {@code java.math}, and may not name the classes that reach the process, the
 * file system, the network or reflection. A deny-list raises the bar; the real boundary remains that only
 * designers and administrators may upload rules, and every upload is audited.
 */
final class DrlSandboxCheck {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.$*]+)");
    private static final List<String> ALLOWED_IMPORTS = List.of("dev.flowdesk.rules.", "java.util.", "java.time.",
            "java.math.", "java.lang.Math", "java.lang.String");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(System|Runtime|ProcessBuilder|ProcessHandle|Thread|ThreadGroup|ClassLoader|Class\\s*\\.\\s*forName"
                    + "|getClass|forName|Unsafe|MethodHandles?|SecurityManager|ScriptEngine\\w*|InitialContext"
                    + "|java\\s*\\.\\s*(io|nio|net|lang\\s*\\.\\s*reflect|lang\\s*\\.\\s*invoke|sql|rmi)"
                    + "|javax\\s*\\.|jdk\\s*\\.|sun\\s*\\.|com\\s*\\.\\s*sun\\s*\\.|org\\s*\\.\\s*(kie|drools)\\s*\\."
                    // reflection and class loading reached through any object
                    + "|getClassLoader|loadClass|getMethods?|getDeclared\\w*|getConstructors?|invoke|newInstance"
                    + "|setAccessible|getRuntime|exec)\\b");
    /** The same names with all white space removed, for names split over lines ("java" newline ".io.File"). */
    private static final Pattern FORBIDDEN_JOINED = Pattern.compile(
            "(java\\.(io|nio|net|sql|rmi|lang\\.reflect|lang\\.invoke)\\.|javax\\.|jdk\\.|sun\\.|org\\.(kie|drools)\\."
                    + "|\\.getClass\\(|\\.class\\.|Class\\.forName)");

    private DrlSandboxCheck() {
    }

    static List<RuleProblem> check(String file, String drl) {
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = withoutCommentsAndStrings(drl).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher imported = IMPORT.matcher(line);
            if (imported.find()) {
                String name = imported.group(2);
                if (ALLOWED_IMPORTS.stream().noneMatch(name::startsWith)) {
                    problems.add(new RuleProblem(file, i + 1, imported.start(2) + 1, "import of '" + name
                            + "' is not allowed: rules may use dev.flowdesk.rules facts and java.util, java.time,"
                            + " java.math"));
                }
                continue;
            }
            Matcher forbidden = FORBIDDEN.matcher(line);
            if (forbidden.find()) {
                problems.add(new RuleProblem(file, i + 1, forbidden.start() + 1, "'" + forbidden.group().trim()
                        + "' is not allowed in rules: rules decide from ticket facts and may not reach the server's"
                        + " process, files, network or reflection"));
            }
        }
        if (drl.contains("\\u")) {
            problems.add(new RuleProblem(file, lineOf(drl, drl.indexOf("\\u")), 0,
                    "unicode escapes (\\uXXXX) are not allowed in rules: write the character itself"));
        }
        String code = withoutCommentsAndStrings(drl);
        Matcher joined = FORBIDDEN_JOINED.matcher(code.replaceAll("\\s+", ""));
        if (problems.isEmpty() && joined.find()) {
            problems.add(new RuleProblem(file, 0, 0, "'" + joined.group() + "' is not allowed in rules: rules decide"
                    + " from ticket facts and may not reach the server's process, files, network or reflection"));
        }
        return problems;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Blanks comments and string literals (keeping line breaks and columns) so that their words never count. */
    static String withoutCommentsAndStrings(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/') {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
                while (i < drl.length() && !(drl.charAt(i) == '*' && i + 1 < drl.length() && drl.charAt(i + 1) == '/')) {
                    out.append(drl.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                if (i < drl.length()) {
                    out.append("  ");
                    i += 2;
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < drl.length() && drl.charAt(i) != c && drl.charAt(i) != '\n') {
                    if (drl.charAt(i) == '\\' && i + 1 < drl.length()) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < drl.length()) {
                    out.append(drl.charAt(i));
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
