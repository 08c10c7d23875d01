package dev.flowdesk.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;

/**
 * Walks one Java expression of a rule — an atom of a condition or a piece of a consequence, parsed by JavaParser —
 * and allows only what {@link AllowedTypes} lists, tracking the static type of every sub-expression so that a method
 * call is judged by what its receiver really is, not by its name. Returns the type of an allowed expression, or null
 * after recording why it is refused (a refused sub-expression is reported once, not again by every enclosing node).
 * <p>
 * In a condition ({@code thisType} set) names may be the fact's fields and method calls without a receiver are the
 * fact's own methods ({@code mentions(...)}); in a consequence there is no implicit receiver.
 */
final class ExpressionCheck {

    /** Reports a refusal at a node; the caller maps JavaParser's position back to the DRL text. */
    interface Refusals {
        void refuse(Node node, String message);
    }

    private final Map<String, Class<?>> variables;
    private final Class<?> thisType;
    private final Refusals refusals;

    ExpressionCheck(Map<String, Class<?>> variables, Class<?> thisType, Refusals refusals) {
        this.variables = variables;
        this.thisType = thisType;
        this.refusals = refusals;
    }

    Class<?> type(Expression e) {
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return String.class;
        } else if (e instanceof IntegerLiteralExpr) {
            return int.class;
        } else if (e instanceof LongLiteralExpr) {
            return long.class;
        } else if (e instanceof DoubleLiteralExpr d) {
            return d.getValue().toLowerCase().endsWith("f") ? float.class : double.class;
        } else if (e instanceof CharLiteralExpr) {
            return char.class;
        } else if (e instanceof BooleanLiteralExpr) {
            return boolean.class;
        } else if (e instanceof NullLiteralExpr) {
            return Object.class;
        } else if (e instanceof EnclosedExpr enclosed) {
            return type(enclosed.getInner());
        } else if (e instanceof NameExpr name) {
            return name(name);
        } else if (e instanceof FieldAccessExpr field) {
            return fieldAccess(field);
        } else if (e instanceof MethodCallExpr call) {
            return methodCall(call);
        } else if (e instanceof ObjectCreationExpr creation) {
            return creation(creation);
        } else if (e instanceof BinaryExpr binary) {
            return binary(binary);
        } else if (e instanceof UnaryExpr unary) {
            return unary(unary);
        } else if (e instanceof ConditionalExpr conditional) {
            Class<?> condition = type(conditional.getCondition());
            Class<?> then = type(conditional.getThenExpr());
            Class<?> otherwise = type(conditional.getElseExpr());
            return condition == null || then == null || otherwise == null ? null
                    : then == Object.class ? otherwise : then;
        } else if (e instanceof CastExpr cast) {
            Class<?> target = resolve(cast.getType());
            return target == null || type(cast.getExpression()) == null ? null : target;
        } else if (e instanceof InstanceOfExpr instanceOf) {
            if (instanceOf.getPattern().isPresent()) {
                return refuse(e, "instanceof with a pattern variable is not allowed");
            }
            return resolve(instanceOf.getType()) == null || type(instanceOf.getExpression()) == null ? null
                    : boolean.class;
        } else if (e instanceof AssignExpr assign) {
            return assignment(assign);
        } else if (e instanceof ArrayAccessExpr access && thisType != null) {
            Class<?> container = type(access.getName());
            if (container == null || type(access.getIndex()) == null) {
                return null;
            }
            return Map.class.isAssignableFrom(container) || List.class.isAssignableFrom(container) ? Object.class
                    : refuse(e, "only maps and lists can be indexed");
        } else if (e instanceof ThisExpr && thisType != null) {
            return thisType;
        }
        return refuse(e, describe(e) + " not allowed in rules");
    }

    private Class<?> name(NameExpr name) {
        String id = name.getNameAsString();
        if (variables.containsKey(id)) {
            return variables.get(id);
        }
        Class<?> property = thisType == null ? null : AllowedTypes.property(thisType, id);
        if (property != null) {
            return property;
        }
        if (thisType != null && Character.isLowerCase(id.charAt(0))) {
            return refuse(name, thisType.getSimpleName() + " has no field \"" + id + "\"");
        }
        return refuse(name, "\"" + id + "\" is not allowed in rules: a rule may name its bound facts, their fields"
                + " and " + (AllowedTypes.TYPES.containsKey(id) ? "only the listed members of " + id
                : "the fact and value types Flowdesk allows (" + AllowedTypes.importList() + ")"));
    }

    private Class<?> fieldAccess(FieldAccessExpr field) {
        Class<?> staticType = typeScope(field.getScope());
        String member = field.getNameAsString();
        if (staticType != null) {
            Class<?> type = AllowedTypes.isStaticMemberAllowed(staticType, member)
                    ? AllowedTypes.staticFieldType(staticType, member) : null;
            return type != null ? type : refuse(field, staticType.getSimpleName() + "." + member
                    + " is not allowed in rules");
        }
        Class<?> scope = type(field.getScope());
        if (scope == null) {
            return null;
        }
        Class<?> property = thisType == null ? null : AllowedTypes.property(scope, member);
        return property != null ? property : refuse(field, scope.getSimpleName() + " has no readable field \""
                + member + "\"" + (thisType == null ? " in a consequence: call its getter or accessor" : ""));
    }

    private Class<?> methodCall(MethodCallExpr call) {
        if (call.getTypeArguments().isPresent()) {
            return refuse(call, "explicit type arguments are not allowed in rules");
        }
        String name = call.getNameAsString();
        int arity = call.getArguments().size();
        boolean argumentsOk = true;
        for (Expression argument : call.getArguments()) {
            argumentsOk &= type(argument) != null;
        }
        if (call.getScope().isEmpty()) {
            if (thisType == null) {
                return refuse(call, "\"" + name + "(...)\" calls a function; a consequence may call methods of its"
                        + " bound facts and values, and modify(...) them");
            }
            Class<?> result = AllowedTypes.methodResult(thisType, name, arity, false);
            return result == null ? refuse(call, thisType.getSimpleName() + " has no method \"" + name + "\" with "
                    + arity + " argument(s) that rules may call") : argumentsOk ? result : null;
        }
        Expression scopeExpression = call.getScope().get();
        Class<?> staticType = typeScope(scopeExpression);
        Class<?> result;
        String owner;
        if (staticType != null) {
            owner = staticType.getSimpleName();
            result = AllowedTypes.isStaticMemberAllowed(staticType, name)
                    ? AllowedTypes.methodResult(staticType, name, arity, true) : null;
        } else {
            Class<?> scope = type(scopeExpression);
            if (scope == null) {
                return null;
            }
            owner = scope.getSimpleName();
            result = AllowedTypes.methodResult(AllowedTypes.boxed(scope), name, arity, false);
        }
        if (result == null) {
            return refuse(call, owner + "." + name + "(...) with " + arity + " argument(s) is not allowed in rules");
        }
        return argumentsOk ? result : null;
    }

    private Class<?> creation(ObjectCreationExpr creation) {
        if (creation.getAnonymousClassBody().isPresent()) {
            return refuse(creation, "anonymous classes are not allowed in rules");
        }
        if (creation.getScope().isPresent()) {
            return refuse(creation, "qualified new is not allowed in rules");
        }
        Class<?> type = resolve(creation.getType());
        if (type == null) {
            return null;
        }
        if (!AllowedTypes.CONSTRUCTIBLE.contains(type)) {
            return refuse(creation, "new " + type.getSimpleName() + "(...) is not allowed in rules");
        }
        boolean argumentsOk = true;
        for (Expression argument : creation.getArguments()) {
            argumentsOk &= type(argument) != null;
        }
        return argumentsOk ? type : null;
    }

    private Class<?> binary(BinaryExpr binary) {
        Class<?> left = type(binary.getLeft());
        Class<?> right = type(binary.getRight());
        if (left == null || right == null) {
            return null;
        }
        return switch (binary.getOperator()) {
            case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> boolean.class;
            case PLUS -> left == String.class || right == String.class ? String.class
                    : AllowedTypes.numeric(left, right);
            default -> AllowedTypes.numeric(left, right);
        };
    }

    private Class<?> unary(UnaryExpr unary) {
        boolean changes = unary.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                || unary.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                || unary.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                || unary.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT;
        if (changes && (thisType != null || !(unary.getExpression() instanceof NameExpr))) {
            return refuse(unary, "++ and -- are allowed on local variables of a consequence only");
        }
        Class<?> inner = type(unary.getExpression());
        return inner == null ? null : unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT ? boolean.class
                : inner;
    }

    private Class<?> assignment(AssignExpr assign) {
        if (thisType != null || !(assign.getTarget() instanceof NameExpr target)
                || !variables.containsKey(target.getNameAsString())) {
            return refuse(assign, "assignments are allowed to local variables of a consequence only");
        }
        return type(assign.getValue());
    }

    /** The type a scope names when it is a type name ({@code Priority} in {@code Priority.P1}), else null. */
    private Class<?> typeScope(Expression scope) {
        if (scope instanceof NameExpr name) {
            String id = name.getNameAsString();
            boolean isValue = variables.containsKey(id)
                    || thisType != null && AllowedTypes.property(thisType, id) != null;
            return isValue ? null : AllowedTypes.TYPES.get(id);
        }
        return null;
    }

    /** A type written in the rule: a simple name from the allow-list, with allowed type arguments. */
    Class<?> resolve(Type type) {
        if (type instanceof PrimitiveType primitive) {
            return AllowedTypes.TYPES.get(primitive.asString());
        }
        if (type instanceof ClassOrInterfaceType named) {
            if (named.getScope().isPresent()) {
                return refuse(type, "qualified type names (" + named.asString() + ") are not allowed in rules:"
                        + " import an allowed type and use its simple name");
            }
            Class<?> resolved = AllowedTypes.TYPES.get(named.getNameAsString());
            if (resolved == null) {
                return refuse(type, "type " + named.getNameAsString() + " is not allowed in rules; allowed are "
                        + AllowedTypes.importList() + " and String, boxed numbers, Math");
            }
            for (Type argument : named.getTypeArguments().orElse(new com.github.javaparser.ast.NodeList<>())) {
                if (resolve(argument) == null) {
                    return null;
                }
            }
            return resolved;
        }
        return refuse(type, "type " + type.asString() + " is not allowed in rules");
    }

    private static String describe(Node node) {
        String kind = node.getClass().getSimpleName().replace("Expr", "");
        return switch (kind) {
            case "Class" -> "class literals (" + node + ")";
            case "Lambda" -> "lambdas";
            case "MethodReference" -> "method references";
            case "This", "Super" -> "\"" + kind.toLowerCase() + "\"";
            case "ArrayCreation", "ArrayInitializer" -> "arrays";
            default -> kind + " (" + node + ")";
        } + (kind.equals("Lambda") || kind.equals("MethodReference") ? " are" : " is");
    }

    private Class<?> refuse(Node node, String message) {
        refusals.refuse(node, message);
        return null;
    }
}
