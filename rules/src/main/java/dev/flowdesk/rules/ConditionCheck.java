package dev.flowdesk.rules;

import java.util.Map;
import java.util.Set;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;

/**
 * Checks one constraint of a pattern, e.g. {@code $p : priority != null} in {@code DecisionDraft( ... )}, with the
 * parser Drools itself uses for constraints ({@link DrlExprParser}): the relational operators must be plain
 * comparisons, and each operand (Drools keeps them as text) is parsed as a Java expression and checked by
 * {@link ExpressionCheck} against the pattern's fact type. MVEL evaluates these operands at run time — and may fold
 * constant ones while compiling — so an unchecked operand would run code as surely as a consequence.
 * Bound variables ({@code $p}) are added to the rule's bindings with the type of what they bind.
 */
final class ConditionCheck {

    /** Comparisons that only compare; custom and temporal operators are not needed by rules over ticket facts. */
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "matches", "contains",
            "memberOf");
    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /** Reports a refusal at a 1-based line and column of the DRL text. */
    interface Problems {
        void add(int line, int column, String message);
    }

    private final Class<?> factType;
    private final Map<String, Class<?>> bindings;
    private final Problems problems;
    private final ExprConstraintDescr constraint;

    private ConditionCheck(Class<?> factType, Map<String, Class<?>> bindings, Problems problems,
                           ExprConstraintDescr constraint) {
        this.factType = factType;
        this.bindings = bindings;
        this.problems = problems;
        this.constraint = constraint;
    }

    static void check(ExprConstraintDescr constraint, Class<?> factType, Map<String, Class<?>> bindings,
                      Problems problems) {
        new ConditionCheck(factType, bindings, problems, constraint).run();
    }

    private void run() {
        if (constraint.getType() == ExprConstraintDescr.Type.POSITIONAL) {
            refuseAt(0, "positional constraints are not allowed in rules: name the field, e.g. type == \"CHANGE\"");
            return;
        }
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        ConstraintConnectiveDescr parsed = parser.parse(constraint.getExpression());
        if (parser.hasErrors() || parsed == null) {
            refuseAt(0, "the condition \"" + constraint.getExpression() + "\" cannot be read: "
                    + (parser.hasErrors() ? parser.getErrors().get(0).getMessage() : "no result"));
            return;
        }
        walk(parsed);
    }

    private void walk(BaseDescr descr) {
        if (descr instanceof ConstraintConnectiveDescr connective) {
            connective.getDescrs().forEach(this::walk);
        } else if (descr instanceof RelationalExprDescr relation) {
            if (!OPERATORS.contains(relation.getOperator()) || relation.getParameters() != null
                    && !relation.getParameters().isEmpty()) {
                refuseAt(0, "the operator \"" + relation.getOperator() + "\" is not allowed in rules; use ==, !=, <, >, <=,"
                        + " >=, in, matches, contains or memberOf");
                return;
            }
            walk(relation.getLeft());
            walk(relation.getRight());
        } else if (descr instanceof BindingDescr binding) {
            Class<?> type = operand(binding.getExpression());
            if (type != null) {
                bindings.put(binding.getVariable(), type);
            }
        } else if (descr instanceof AtomicExprDescr atom) {
            operand(atom.getExpression());
        } else {
            refuseAt(0, descr.getClass().getSimpleName().replace("Descr", "") + " is not allowed in a condition");
        }
    }

    /** Parses and checks one operand; its type, or null when refused. */
    private Class<?> operand(String text) {
        int at = Math.max(constraint.getExpression().indexOf(text), 0);
        if (text.indexOf('#') >= 0) {
            refuseAt(at, "inline casts (#) are not allowed in rules");
            return null;
        }
        // "a!.b" is Drools' null-safe navigation; as Java it reads "a .b" (same length, same columns).
        ParseResult<Expression> parsed = PARSER.parseExpression(text.replace("!.", " ."));
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            refuseAt(at, "\"" + text + "\" cannot be read as an expression a rule may use");
            return null;
        }
        return new ExpressionCheck(bindings, factType, (node, message) -> {
            int line = node.getBegin().map(p -> p.line).orElse(1);
            int column = node.getBegin().map(p -> p.column).orElse(1);
            refuseAt(at, line, column, message);
        }).type(parsed.getResult().get());
    }

    private void refuseAt(int offset, String message) {
        refuseAt(offset, 1, 1, message);
    }

    /** Maps (line, column) inside the operand starting at {@code offset} of the constraint to the DRL text. */
    private void refuseAt(int offset, int line, int column, String message) {
        int[] inConstraint = ModifyBlocks.lineAndColumn(constraint.getExpression(), offset);
        int drlLine = constraint.getLine() + inConstraint[0] - 1 + line - 1;
        int drlColumn = column + (line == 1 ? inConstraint[1] - 1 : 0)
                + (line == 1 && inConstraint[0] == 1 ? constraint.getColumn() : 0);
        problems.add(drlLine, drlColumn, message);
    }
}
