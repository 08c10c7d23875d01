package dev.flowdesk.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;

/**
 * Checks the Java consequence of one rule (the text between {@code then} and {@code end}) by an allow-list on its
 * JavaParser syntax tree: local variables of allowed types, {@code if}/{@code else}, calls on bound facts and values
 * as {@link ExpressionCheck} allows them, {@code modify($fact) { setter(...), ... }} of a bound fact, and
 * {@code throw new IllegalStateException(...)}. Loops, {@code try}, {@code synchronized}, {@code return}, local
 * classes and every other statement are refused: a rule decides from facts, and a loop or a caught error is how a
 * consequence would hold a server thread or hide the time limit's halt.
 * <p>
 * {@code modify} blocks are Drools syntax, not Java: {@link ModifyBlocks} replaces each by a marker statement of
 * the same length before JavaParser reads the rest, and the block is checked where its marker stands, with the local
 * variables in scope there (the target must be a bound fact, each entry a method of that fact).
 */
final class ConsequenceCheck {

    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /** Reports a refusal at a 1-based line and column of the consequence text. */
    interface Problems {
        void add(int line, int column, String message);
    }

    private final Problems problems;
    private List<ModifyBlocks.Block> modifyBlocks = List.of();

    private ConsequenceCheck(Problems problems) {
        this.problems = problems;
    }

    /** Checks the consequence; bindings are the rule's bound variables and their types. */
    static void check(String consequence, Map<String, Class<?>> bindings, Problems problems) {
        new ConsequenceCheck(problems).run(consequence, bindings);
    }

    private void run(String consequence, Map<String, Class<?>> bindings) {
        ModifyBlocks blocks = ModifyBlocks.find(consequence);
        this.modifyBlocks = blocks.blocks();
        if (blocks.unclosed() >= 0) {
            int[] at = ModifyBlocks.lineAndColumn(consequence, blocks.unclosed());
            problems.add(at[0], at[1], "a modify block is not closed");
            return;
        }
        // "{" on a line of its own keeps the consequence's own lines and columns.
        ParseResult<BlockStmt> parsed = PARSER.parseBlock("{\n" + blocks.blanked() + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            Problem problem = parsed.getProblems().get(0);
            int[] at = problem.getLocation().flatMap(l -> l.getBegin().getRange())
                    .map(r -> new int[] {r.begin.line - 1, r.begin.column}).orElse(new int[] {1, 1});
            problems.add(Math.max(at[0], 1), at[1], "the consequence is not Java a rule may run: "
                    + firstLine(problem.getMessage()));
            return;
        }
        block(parsed.getResult().get(), new HashMap<>(bindings));
    }

    private void checkModify(ModifyBlocks.Block block, Map<String, Class<?>> bindings) {
        Expression target = parseExpression(block.target(), block.targetOffset(), block.consequence());
        if (target == null) {
            return;
        }
        Class<?> type = target instanceof NameExpr name ? bindings.get(name.getNameAsString()) : null;
        if (type == null || !AllowedTypes.FACT_TYPES.containsValue(type)) {
            refuse(target, "modify(...) may change a bound fact ("
                    + String.join(", ", AllowedTypes.FACT_TYPES.keySet()) + ") only", block.targetOffset(),
                    block.consequence());
            return;
        }
        for (int i = 0; i < block.entries().size(); i++) {
            int offset = block.entryOffsets().get(i);
            Expression entry = parseExpression(block.entries().get(i), offset, block.consequence());
            if (entry == null) {
                continue;
            }
            if (!(entry instanceof MethodCallExpr call) || call.getScope().isPresent()) {
                refuse(entry, "each entry of modify(...) { } is a method call on the modified fact, e.g."
                        + " setQueue(\"network\")", offset, block.consequence());
                continue;
            }
            // Inside modify the calls go to the target: checked as calls of that type without a receiver.
            new ExpressionCheck(new HashMap<>(bindings), type, (node, message) ->
                    refuse(node, message, offset, block.consequence())).type(call);
        }
    }

    private Expression parseExpression(String text, int offset, String consequence) {
        ParseResult<Expression> parsed = PARSER.parseExpression(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            int[] at = ModifyBlocks.lineAndColumn(consequence, offset);
            problems.add(at[0], at[1], "cannot read \"" + text.strip() + "\" in modify(...): "
                    + firstLine(parsed.getProblems().get(0).getMessage()));
            return null;
        }
        return parsed.getResult().get();
    }

    private void refuse(Node node, String message, int offset, String consequence) {
        int[] base = ModifyBlocks.lineAndColumn(consequence, offset);
        int line = node.getBegin().map(p -> p.line).orElse(1);
        int column = node.getBegin().map(p -> p.column).orElse(1);
        problems.add(base[0] + line - 1, line == 1 ? base[1] + column - 1 : column, message);
    }

    private void block(BlockStmt block, Map<String, Class<?>> variables) {
        Map<String, Class<?>> scope = new HashMap<>(variables);
        for (Statement statement : block.getStatements()) {
            statement(statement, scope);
        }
    }

    private void statement(Statement statement, Map<String, Class<?>> variables) {
        if (statement instanceof BlockStmt inner) {
            block(inner, variables);
        } else if (statement instanceof EmptyStmt) {
            return;
        } else if (statement instanceof IfStmt branch) {
            expressions(variables).type(branch.getCondition());
            statement(branch.getThenStmt(), new HashMap<>(variables));
            branch.getElseStmt().ifPresent(otherwise -> statement(otherwise, new HashMap<>(variables)));
        } else if (statement instanceof ThrowStmt thrown) {
            if (thrown.getExpression() instanceof ObjectCreationExpr) {
                expressions(variables).type(thrown.getExpression());
            } else {
                refuse(thrown, "a rule may only throw new IllegalStateException(...) or IllegalArgumentException(...)");
            }
        } else if (statement instanceof ExpressionStmt expression) {
            expressionStatement(expression.getExpression(), variables);
        } else {
            refuse(statement, statementName(statement) + " is not allowed in rules: a consequence sets the decision"
                    + " from facts, with local variables, if/else and calls on its facts and values");
        }
    }

    private void expressionStatement(Expression expression, Map<String, Class<?>> variables) {
        if (expression instanceof VariableDeclarationExpr declaration) {
            for (VariableDeclarator variable : declaration.getVariables()) {
                ExpressionCheck check = expressions(variables);
                Class<?> declared = variable.getType().isVarType() ? null : check.resolve(variable.getType());
                Class<?> initial = variable.getInitializer().map(check::type).orElse(null);
                declared = variable.getType().isVarType() ? initial : declared;
                if (variable.getType().isVarType() && variable.getInitializer().isEmpty()) {
                    refuse(variable, "var needs an initializer");
                }
                variables.put(variable.getNameAsString(), declared == null ? Object.class : declared);
            }
        } else if (expression instanceof MethodCallExpr call && call.getScope().isEmpty()
                && ModifyBlocks.indexOfMarker(call.getNameAsString()) >= 0) {
            int index = ModifyBlocks.indexOfMarker(call.getNameAsString());
            if (index < modifyBlocks.size() && call.getArguments().isEmpty()) {
                checkModify(modifyBlocks.get(index), variables);
            } else {
                refuse(call, "\"" + call + "\" is not a statement a rule may run");
            }
        } else if (expression instanceof MethodCallExpr || expression instanceof AssignExpr
                || expression instanceof UnaryExpr) {
            expressions(variables).type(expression);
        } else {
            refuse(expression, "\"" + expression + "\" is not a statement a rule may run");
        }
    }

    private ExpressionCheck expressions(Map<String, Class<?>> variables) {
        return new ExpressionCheck(variables, null, this::refuse);
    }

    /** A node of the parsed block: line 1 is the added "{", so consequence line = node line - 1. */
    private void refuse(Node node, String message) {
        int line = node.getBegin().map(p -> p.line).orElse(2) - 1;
        int column = node.getBegin().map(p -> p.column).orElse(1);
        problems.add(Math.max(line, 1), column, message);
    }

    private static String statementName(Statement statement) {
        String kind = statement.getClass().getSimpleName().replace("Stmt", "");
        return switch (kind) {
            case "While", "Do", "For", "ForEach" -> "a loop (" + kind.toLowerCase() + ")";
            case "Try" -> "try/catch";
            case "Synchronized" -> "synchronized";
            case "Return" -> "return";
            case "LocalClassDeclaration", "LocalRecordDeclaration" -> "a local class";
            default -> "the statement " + kind;
        };
    }

    private static String firstLine(String text) {
        String first = text == null ? "" : text.strip();
        int end = first.indexOf('\n');
        return end < 0 ? first : first.substring(0, end);
    }
}
