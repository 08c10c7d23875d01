package dev.flowdesk.workflow;

import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstLiteral;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a BPMN expression may be deployed by walking the tree that JUEL's own parser builds — the parser the
 * engine evaluates with, so whitespace, escapes and operators mean here exactly what they mean at run time — and
 * allowing only known forms. A regex over the text ("no {@code (}") was bypassed with U+2003 before the parenthesis
 * (issue 8); a tree has no such gaps. Allowed:
 * <ul>
 *   <li>literals (text, numbers, {@code true/false}, {@code null}), the operators {@code == != < > <= >= && || !
 *       + - * / % empty}, the ternary {@code ? :} and parentheses;</li>
 *   <li>process variables by name, and a Flowdesk delegate bean by name (for {@code ${beanName}} delegates);</li>
 *   <li>reading entries of a variable's value: {@code ${order.total}}, {@code ${items[0]}}, {@code ${m['key']}},
 *       {@code ${items[loopCounter]}} — at run time only maps, lists and arrays answer such reads;</li>
 *   <li>calling a delegate bean's method marked {@link ForModels}, with allowed values as arguments.</li>
 * </ul>
 * Everything else is refused with a reason a designer can act on: other method calls, functions ({@code now()},
 * {@code fn:x()}), engine objects ({@code execution}, {@code task} …), other Spring beans, properties of beans, of
 * literals or of call results, reflective property names ({@code class}, {@code classLoader} …) and any text JUEL
 * cannot parse. Needs no Spring context: the beans are asked through {@link Beans}.
 */
final class ExpressionAllowList {

    /** What the engine resolves besides process variables. */
    interface Beans {
        /** Whether a Spring bean has this name (then it is not a process variable). */
        boolean exists(String name);

        /** The bean's type when it is a Flowdesk delegate or listener, else null. */
        Class<?> delegateType(String name);
    }

    /** Names Camunda resolves to its own objects before any variable; models have no business with them. */
    static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "caseExecution", "externalTask",
            "variableScope", "variableContext", "processEngine", "processEngineServices", "processEngineConfiguration");
    /** Property names that lead from a value into Java or the engine, refused whatever the value is. */
    static final Set<String> REFLECTIVE_PROPERTIES = Set.of("class", "classloader", "module", "declaringclass",
            "protectiondomain", "declaredmethods", "declaredfields", "declaredconstructors", "methods", "fields",
            "constructors", "processengine", "processengineservices", "processengineconfiguration", "execution",
            "task", "delegatetask", "casexecution", "bpmnmodelinstance", "bpmnmodelelementinstance");

    /** The same features the engine's ExpressionFactoryImpl may enable, so nothing parses differently there. */
    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS,
            Builder.Feature.NULL_PROPERTIES);

    private final Beans beans;

    ExpressionAllowList(Beans beans) {
        this.beans = beans;
    }

    /** The reasons the expression is refused, empty when it is allowed. */
    List<String> problems(String expression) {
        Node root;
        try {
            root = PARSER.build(expression).getRoot();
        } catch (TreeBuilderException e) {
            String detail = e.getMessage();
            int cut = detail.indexOf("': ");
            return List.of("'" + expression.strip() + "' is not a valid expression: "
                    + (cut >= 0 ? detail.substring(cut + 3) : detail));
        }
        List<String> problems = new ArrayList<>();
        value(root, problems);
        return problems.stream().distinct().map(p -> "'" + expression.strip() + "': " + p).toList();
    }

    private void value(Node node, List<String> problems) {
        if (node instanceof AstText || node instanceof AstLiteral) {
            return;
        }
        if (node instanceof AstComposite || node instanceof AstEval || node instanceof AstNested
                || node instanceof AstBinary || node instanceof AstUnary || node instanceof AstChoice
                || node instanceof AstParameters) {
            for (int i = 0; i < node.getCardinality(); i++) {
                value(node.getChild(i), problems);
            }
        } else if (node instanceof AstIdentifier identifier) {
            identifier(identifier.getName(), problems);
        } else if (node instanceof AstProperty property) {
            propertyRead(property, problems);
        } else if (node instanceof AstMethod method) {
            methodCall(method, problems);
        } else if (node instanceof AstFunction function) {
            problems.add("functions such as " + function.getName() + "() are not available in models");
        } else {
            problems.add("this kind of expression (" + node.getClass().getSimpleName() + ") is not allowed");
        }
    }

    private void identifier(String name, List<String> problems) {
        if (ENGINE_OBJECTS.contains(name)) {
            problems.add("'" + name + "' is an engine object; expressions read process variables only");
        } else if (beans.delegateType(name) == null && beans.exists(name)) {
            problems.add("'" + name + "' is a server component, not a process variable or Flowdesk delegate");
        }
    }

    private void propertyRead(AstProperty property, List<String> problems) {
        Node prefix = property.getChild(0);
        if (prefix instanceof AstIdentifier identifier) {
            String name = identifier.getName();
            if (beans.delegateType(name) != null) {
                problems.add("delegate bean '" + name + "' has no properties for models");
                return;
            }
            identifier(name, problems);
        } else if (prefix instanceof AstProperty chain) {
            propertyRead(chain, problems);
        } else {
            problems.add("properties can be read only from process variables, not from a literal or a result");
            return;
        }
        String name = null;
        if (property instanceof AstDot) {
            name = dotName(property);
        } else if (property instanceof AstBracket) {
            Node key = property.getChild(1);
            if (key instanceof AstString text) {
                name = String.valueOf(text.eval(null, null));
            } else if (key instanceof AstIdentifier variable) {
                identifier(variable.getName(), problems);
            } else if (!(key instanceof AstNumber)) {
                problems.add("a [ ] key must be a text or number literal or a process variable");
            }
        }
        if (name != null && REFLECTIVE_PROPERTIES.contains(name.toLowerCase(Locale.ROOT))) {
            problems.add("'" + name + "' reaches into Java or the engine, not into process data");
        }
    }

    private void methodCall(AstMethod call, List<String> problems) {
        AstProperty target = (AstProperty) call.getChild(0);
        Node parameters = call.getChild(1);
        String method = target instanceof AstDot ? dotName(target) : null;
        if (target.getChild(0) instanceof AstIdentifier bean && method != null) {
            Class<?> type = beans.delegateType(bean.getName());
            if (type != null && isModelMethod(type, method, parameters.getCardinality())) {
                value(parameters, problems);
                return;
            }
            if (type != null) {
                problems.add("'" + bean.getName() + "." + method + "(…)' is not a method made for models");
                return;
            }
        }
        problems.add("method calls" + (method == null ? "" : " ('" + method + "(…)')") + " are not allowed; compare "
                + "variables with == < > and combine them with && || ? : instead");
        value(target.getChild(0), problems);
    }

    /** The name in {@code prefix.name}; JUEL keeps it private but prints it as ". name". */
    private static String dotName(AstProperty dot) {
        return dot.toString().substring(2);
    }

    /**
     * Whether models may call {@code name} with {@code arity} arguments on a delegate of this type: every public
     * method of that name is marked {@link ForModels} (so overload resolution cannot pick an unmarked one), and one
     * takes that many arguments.
     */
    static boolean isModelMethod(Class<?> type, String name, int arity) {
        List<Method> named = Arrays.stream(ClassUtils.getUserClass(type).getMethods())
                .filter(m -> m.getName().equals(name)).toList();
        return !named.isEmpty()
                && named.stream().allMatch(m -> AnnotatedElementUtils.hasAnnotation(m, ForModels.class))
                && named.stream().anyMatch(m -> m.getParameterCount() == arity || m.isVarArgs());
    }
}
