package dev.flowdesk.workflow.migration;

import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process variables a model reads: every identifier in its expressions (conditions, timers, candidate groups,
 * input parameters …) that is neither a Flowdesk bean nor one the engine provides. Read with JUEL's own parser, so
 * {@code ${order.total > limit}} names {@code order} and {@code limit}.
 */
@Component
class ModelVariables {

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{[^}]*}");
    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS,
            Builder.Feature.NULL_PROPERTIES);
    /** What the engine itself resolves in an expression. */
    private static final Set<String> PROVIDED = Set.of("execution", "task", "authenticatedUserId", "loopCounter",
            "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "true", "false", "null", "empty");

    private final ListableBeanFactory beans;

    ModelVariables(ListableBeanFactory beans) {
        this.beans = beans;
    }

    Set<String> read(String bpmnXml) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = EXPRESSION.matcher(bpmnXml);
        while (matcher.find()) {
            String expression = matcher.group().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&apos;", "'").replace("&amp;", "&");
            try {
                collect(PARSER.build(expression).getRoot(), names);
            } catch (TreeBuilderException unparsable) {
                // the deployment linter refuses such a model; nothing to read from it here
            }
        }
        names.removeIf(name -> PROVIDED.contains(name) || beans.containsBean(name));
        return names;
    }

    private static void collect(Node node, Set<String> names) {
        if (node instanceof AstIdentifier identifier) {
            names.add(identifier.getName());
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            collect(node.getChild(i), names);
        }
    }
}
