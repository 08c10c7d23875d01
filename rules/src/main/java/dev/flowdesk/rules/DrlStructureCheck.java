package dev.flowdesk.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import dev.flowdesk.rules.RuleSetValidationException.RuleProblem;

/**
 * The sandbox of designers' DRL: an allow-list on the rule set as Drools' own parser ({@link DrlParser}) reads it,
 * so that what is checked is exactly what the compiler will build. Allowed are a package under
 * {@code dev.flowdesk.rules.}, imports from {@link AllowedTypes#IMPORTS}, the attributes that order rules
 * (agenda-group, salience as a number, no-loop, lock-on-active, activation-group, dialect "java"), {@code @reason}
 * with a string, patterns over {@code TicketFacts} and {@code DecisionDraft} joined by and/or/not/exists/forall,
 * their constraints ({@link ConditionCheck}) and Java consequences ({@link ConsequenceCheck}). Everything else —
 * functions, static or function imports, globals, declare, queries, eval, from/accumulate/collect, other dialects,
 * annotations Drools would evaluate — is refused with the rule, line and column.
 * <p>
 * Why not a list of forbidden words: the first version was one, and it was bypassed twice (a fully qualified
 * {@code java.util.Formatter}, and a method name built from strings). Nothing designers write may run as code on the
 * server; this check is the first of two walls, the run-time limits of {@link CompiledRuleBase} the second.
 */
final class DrlStructureCheck {

    /** The outcome; {@code verified} false when Drools could not parse the text (the compiler then reports why). */
    record Result(List<RuleProblem> problems, boolean verified) {
    }

    private static final Pattern PACKAGE = Pattern.compile("dev\\.flowdesk\\.rules(\\.[a-z][a-z0-9_]*)+");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final Set<String> ATTRIBUTES = Set.of("agenda-group", "salience", "no-loop", "lock-on-active",
            "activation-group", "dialect");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private final String file;
    private final String drl;
    private final List<RuleProblem> problems = new ArrayList<>();

    private DrlStructureCheck(String file, String drl) {
        this.file = file;
        this.drl = drl;
    }

    static Result check(String file, String drl) {
        return new DrlStructureCheck(file, drl).run();
    }

    private Result run() {
        int escape = drl.indexOf("\\u");
        if (escape >= 0) {
            // Java reads \\uXXXX before it parses anything, so an escape can hide any name from any parser's view.
            int[] at = ModifyBlocks.lineAndColumn(drl, escape);
            add(at[0], at[1], "unicode escapes (\\uXXXX) are not allowed in rules: write the character itself");
            return new Result(problems, true);
        }
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            return new Result(problems, false);
        }
        if (parser.hasErrors() || pkg == null) {
            return new Result(problems, false);
        }
        packageLevel(pkg);
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.isQuery()) {
                add(rule, "query \"" + rule.getName() + "\" is not allowed in rules");
            } else {
                rule(rule, pkg);
            }
        }
        return new Result(problems, true);
    }

    private void packageLevel(PackageDescr pkg) {
        if (pkg.getName() != null && !pkg.getName().isEmpty() && !PACKAGE.matcher(pkg.getName()).matches()) {
            add(pkg, "package " + pkg.getName() + " is not allowed: rule sets live in dev.flowdesk.rules.<name>");
        }
        for (ImportDescr imported : pkg.getImports()) {
            if (!AllowedTypes.IMPORTS.contains(imported.getTarget())) {
                add(imported, "import of '" + imported.getTarget() + "' is not allowed: rules may import "
                        + AllowedTypes.importList());
            }
        }
        pkg.getFunctionImports().forEach(f -> add(f, "'import static' and 'import function' (" + f.getTarget()
                + ") are not allowed in rules"));
        pkg.getAccumulateImports().forEach(a -> add(a, "'import accumulate' is not allowed in rules"));
        pkg.getFunctions().forEach(f -> add(f, "function " + f.getName() + " is not allowed: rules may not define"
                + " code of their own"));
        pkg.getGlobals().forEach(g -> add(g, "global " + g.getIdentifier() + " is not allowed in rules: rules"
                + " decide from their facts only"));
        pkg.getTypeDeclarations().forEach(t -> add(t, "declare " + t.getTypeName() + " is not allowed in rules"));
        pkg.getEnumDeclarations().forEach(t -> add(t, "declare enum " + t.getTypeName() + " is not allowed in rules"));
        pkg.getEntryPointDeclarations().forEach(e -> add(e, "declare entry-point is not allowed in rules"));
        pkg.getWindowDeclarations().forEach(w -> add(w, "declare window is not allowed in rules"));
        if (pkg.getUnit() != null) {
            add(pkg.getUnit(), "rule units are not allowed in rules");
        }
        pkg.getAttributes().forEach(attribute -> attribute(null, attribute));
    }

    private void rule(RuleDescr rule, PackageDescr pkg) {
        String name = rule.getName();
        boolean javaDialect = true;
        for (AttributeDescr attribute : rule.getAttributes().values()) {
            if (!pkg.getAttributes().contains(attribute)) {
                attribute(name, attribute);
            }
            javaDialect &= !attribute.getName().equals("dialect") || "java".equals(attribute.getValue());
        }
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            Object value = annotation.getValue();
            if (!annotation.getName().equals("reason") || annotation.getValueMap().size() != 1
                    || !(value instanceof String text) || !STRING_LITERAL.matcher(text.strip()).matches()) {
                add(annotation.getLine() > 0 ? annotation : rule, "rule \"" + name + "\": only @reason(\"...\") with a string is allowed as"
                        + " annotation: Drools evaluates other annotation values as code");
            }
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            add(rule, "rule \"" + name + "\": named consequences (do[...]) are not allowed in rules");
        }
        Map<String, Class<?>> bindings = new HashMap<>();
        condition(rule.getLhs(), name, bindings);
        if (javaDialect && rule.getConsequence() instanceof String consequence && !consequence.isBlank()) {
            consequence(rule, consequence, bindings);
        }
    }

    private void attribute(String rule, AttributeDescr attribute) {
        String where = rule == null ? "" : "rule \"" + rule + "\": ";
        String attributeName = attribute.getName();
        if (!ATTRIBUTES.contains(attributeName)) {
            add(attribute, where + "the attribute " + attributeName + " is not allowed in rules; allowed are "
                    + String.join(", ", ATTRIBUTES.stream().sorted().toList()));
        } else if (attributeName.equals("salience") && !INTEGER.matcher(attribute.getValue().strip()).matches()) {
            add(attribute, where + "salience must be a whole number: Drools evaluates any other salience as code");
        } else if (attributeName.equals("dialect") && !"java".equals(attribute.getValue())) {
            add(attribute, where + "dialect \"" + attribute.getValue() + "\" is not allowed: rules are written in"
                    + " the java dialect, which the sandbox check reads");
        }
    }

    private void condition(BaseDescr descr, String rule, Map<String, Class<?>> bindings) {
        if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr
                || descr instanceof ExistsDescr || descr instanceof ForallDescr) {
            for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                condition((BaseDescr) child, rule, bindings);
            }
        } else if (descr instanceof PatternDescr pattern) {
            pattern(pattern, rule, bindings);
        } else {
            String kind = descr.getClass().getSimpleName().replace("Descr", "").toLowerCase();
            add(descr, "rule \"" + rule + "\": " + kind + " is not allowed in rules; conditions are patterns over "
                    + String.join(" and ", AllowedTypes.FACT_TYPES.keySet().stream().sorted().toList())
                    + " joined by and, or, not, exists, forall");
        }
    }

    private void pattern(PatternDescr pattern, String rule, Map<String, Class<?>> bindings) {
        String typeName = pattern.getObjectType();
        String simple = typeName.startsWith("dev.flowdesk.rules.") ? typeName.substring(19) : typeName;
        Class<?> factType = AllowedTypes.FACT_TYPES.get(simple);
        if (factType == null || pattern.isQuery()) {
            add(pattern, "rule \"" + rule + "\": " + typeName + " is not a Flowdesk fact type; patterns may match "
                    + String.join(" or ", AllowedTypes.FACT_TYPES.keySet().stream().sorted().toList()));
            return;
        }
        if (pattern.getSource() != null) {
            String source = pattern.getSource().getClass().getSimpleName().replace("Descr", "").toLowerCase();
            add(pattern, "rule \"" + rule + "\": patterns over '" + source + "' (from, accumulate, collect,"
                    + " entry points, windows) are not allowed in rules: rules match the facts in working memory");
            return;
        }
        if (!pattern.getBehaviors().isEmpty() || !pattern.getAnnotations().isEmpty()) {
            add(pattern, "rule \"" + rule + "\": pattern annotations and windows are not allowed in rules");
        }
        if (pattern.getIdentifier() != null) {
            bindings.put(pattern.getIdentifier(), factType);
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (constraint instanceof ExprConstraintDescr expression) {
                ConditionCheck.check(expression, factType, bindings, (line, column, message) ->
                        add(line, column, "rule \"" + rule + "\": " + message));
            } else {
                add(constraint, "rule \"" + rule + "\": this kind of constraint is not allowed in rules");
            }
        }
    }

    private void consequence(RuleDescr rule, String consequence, Map<String, Class<?>> bindings) {
        int then = offsetOfLine(rule.getConsequenceLine());
        int start = drl.indexOf(consequence, then);
        int[] base = start >= 0 ? ModifyBlocks.lineAndColumn(drl, start)
                : new int[] {rule.getConsequenceLine() + 1, 1};
        ConsequenceCheck.check(consequence, bindings, (line, column, message) -> add(base[0] + line - 1,
                line == 1 ? base[1] + column - 1 : column, "rule \"" + rule.getName() + "\": " + message));
    }

    private int offsetOfLine(int line) {
        int offset = 0;
        for (int i = 1; i < line && offset >= 0; i++) {
            offset = drl.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return 0;
            }
        }
        return Math.max(offset, 0);
    }

    /** Drools' descriptors have 1-based lines and 0-based columns (-1 when unknown). */
    private void add(BaseDescr descr, String message) {
        add(Math.max(descr.getLine(), 0), descr.getColumn() < 0 ? 0 : descr.getColumn() + 1, message);
    }

    private void add(int line, int column, String message) {
        problems.add(new RuleProblem(file, line, column, message));
    }
}
