package dev.flowdesk.workflow;

import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.error.DomainException.FieldError;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a BPMN model before it may be deployed, across BPMN, forms and the engine's beans: every process has a
 * history time-to-live; no script tasks, scripts, script or FEEL conditions, {@code camunda:class}, and every
 * expression passes the {@link ExpressionAllowList} (designers model, they do not program the server); service tasks and listeners name an existing delegate bean as
 * {@code ${beanName}}; every {@code formio:} form key exists; literal candidate groups exist; and bpmnlint's
 * {@code recommended} rules ({@link RecommendedLintRules}) and the modeler plugin's candidate-groups and ticket-status
 * ({@link FlowdeskModelRules}) — errors refuse, warnings are reported back — so a model
 * posted past the modeler meets the checks the designer saw while drawing. Each problem names the element id, so the
 * modeler can point at it.
 */
@Component
public class DeploymentLinter {

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Pattern BEAN_REFERENCE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    /** Elements whose text is prose for people; the engine never evaluates it. */
    private static final Set<String> PROSE = Set.of("documentation", "text");
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class");

    private final ApplicationContext beans;
    private final FormCatalog forms;
    private final IdentityService identity;
    private final ExpressionAllowList expressions;

    DeploymentLinter(ApplicationContext beans, FormCatalog forms, IdentityService identity) {
        this.beans = beans;
        this.forms = forms;
        this.identity = identity;
        this.expressions = new ExpressionAllowList(new ExpressionAllowList.Beans() {
            @Override
            public boolean exists(String name) {
                return beans.containsBean(name);
            }

            @Override
            public Class<?> delegateType(String name) {
                return DelegateBeansOnly.isDelegate(beans, name) ? beans.getType(name, false) : null;
            }
        });
    }

    /**
     * The parsed model, or a single problem when the file is not BPMN at all. Problems refuse the deployment;
     * warnings (bpmnlint's {@code warn} rules) are reported back and deploy anyway.
     */
    public record Result(BpmnModelInstance model, List<FieldError> problems, List<FieldError> warnings) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result lint(byte[] bpmn) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause.getMessage() != null) {
                    message = cause.getMessage();
                }
                cause = cause.getCause();
            }
            return new Result(null, List.of(new FieldError("file", "not a valid BPMN 2.0 file: " + message)), List.of());
        }
        List<FieldError> problems = new ArrayList<>();
        List<FieldError> warnings = new ArrayList<>();
        Set<String> unlabelled = new HashSet<>();
        List<RecommendedLintRules.Finding> findings = new ArrayList<>(RecommendedLintRules.check(model));
        findings.addAll(FlowdeskModelRules.check(model));
        for (RecommendedLintRules.Finding finding : findings) {
            FieldError error = new FieldError(finding.elementId(), finding.text());
            (finding.severity() == RecommendedLintRules.Severity.ERROR ? problems : warnings).add(error);
            if (finding.rule().equals("label-required")) {
                unlabelled.add(finding.elementId());
            }
        }
        var processes = model.getModelElementsByType(Process.class);
        if (processes.stream().noneMatch(Process::isExecutable)) {
            problems.add(new FieldError("file", "no executable process (set isExecutable=\"true\")"));
        }
        for (Process process : processes) {
            if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
                problems.add(new FieldError(process.getId(),
                        "set a history time-to-live (camunda:historyTimeToLive), e.g. P180D"));
            }
            if (process.isExecutable() && (process.getName() == null || process.getName().isBlank())) {
                problems.add(new FieldError(process.getId(), "give the process a name"));
            }
        }
        for (ScriptTask task : model.getModelElementsByType(ScriptTask.class)) {
            problems.add(new FieldError(task.getId(), "script tasks are not allowed; call a Flowdesk delegate "
                    + "(service task with delegate expression ${beanName}) instead"));
        }
        walk(model.getDocument().getRootElement(), model, problems);
        checkAllExpressions(model.getDocument().getDomSource().getNode(), "file", problems);
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            checkFormKey(task, task.getCamundaFormKey(), problems);
            checkGroups(task, task.getCamundaCandidateGroups(), problems);
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            checkFormKey(start, start.getCamundaFormKey(), problems);
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            // Stricter than bpmnlint's label-required (which spares joins, parallel gateways and sub-processes); an
            // element it already reported is not reported twice.
            if ((node.getName() == null || node.getName().isBlank()) && !unlabelled.contains(node.getId())) {
                problems.add(new FieldError(node.getId(), "give every element a name, so tickets and the history"
                        + " read well"));
            }
        }
        return new Result(model, problems, warnings);
    }

    /** Every element and attribute of the document: camunda:class, scripts, delegate expressions, expressions. */
    private void walk(DomElement element, BpmnModelInstance model, List<FieldError> problems) {
        String id = nearestId(element, model);
        String local = element.getLocalName();
        if (CAMUNDA_NS.equals(element.getNamespaceURI()) && "script".equals(local)) {
            problems.add(new FieldError(id, "scripts (camunda:script) are not allowed"));
        }
        for (String attribute : new String[] {"language", "scriptFormat"}) {
            String language = element.getAttribute(attribute);
            language = language != null ? language : element.getAttribute(CAMUNDA_NS, attribute);
            if (language != null && !"scriptTask".equals(local)) {
                problems.add(new FieldError(id, "'" + attribute + "=\"" + language + "\"' is not allowed: conditions "
                        + "and values are expressions ${…} (no FEEL, JavaScript, Groovy or other scripts); remove the "
                        + "attribute"));
            }
        }
        for (String attribute : CLASS_ATTRIBUTES) {
            // getAttribute also sees the unprefixed form (<camunda:executionListener class="...">), hasAttribute not.
            if (element.getAttribute(CAMUNDA_NS, attribute) != null
                    || (CAMUNDA_NS.equals(element.getNamespaceURI()) && element.getAttribute(attribute) != null)) {
                problems.add(new FieldError(id, "a Java class (class / camunda:class) is not allowed; use "
                        + "camunda:delegateExpression with a Flowdesk delegate bean"));
            }
        }
        for (String mapping : new String[] {"variableMappingClass", "variableMappingDelegateExpression"}) {
            if (element.getAttribute(CAMUNDA_NS, mapping) != null) {
                problems.add(new FieldError(id, "camunda:" + mapping + " is not allowed; map variables with "
                        + "camunda:in / camunda:out"));
            }
        }
        String delegate = element.getAttribute(CAMUNDA_NS, "delegateExpression");
        if (delegate != null) {
            checkDelegate(id, delegate, local, problems);
        }
        if (element.getAttribute(CAMUNDA_NS, "expression") != null) {
            problems.add(new FieldError(id, "camunda:expression is not allowed on service tasks and listeners; use "
                    + "camunda:delegateExpression=\"${beanName}\""));
        }
        for (DomElement child : element.getChildElements()) {
            walk(child, model, problems);
        }
    }

    /**
     * Every expression anywhere in the model — attributes of any namespace, element text such as input parameters,
     * field injections, loop cardinality, conditions, timers — must pass the {@link ExpressionAllowList}. Only
     * documentation and text annotations, which the engine never evaluates, are left alone.
     */
    private void checkAllExpressions(org.w3c.dom.Node node, String nearestId, List<FieldError> problems) {
        String id = nearestId;
        if (node instanceof org.w3c.dom.Element element) {
            if (element.hasAttribute("id")) {
                id = element.getAttribute("id");
            }
            if (BPMN_NS.equals(element.getNamespaceURI()) && PROSE.contains(element.getLocalName())) {
                return;
            }
            org.w3c.dom.NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                String value = attributes.item(i).getNodeValue();
                if (value != null && (value.contains("${") || value.contains("#{"))) {
                    checkExpression(id, value, problems);
                }
            }
        } else if (node.getNodeType() == org.w3c.dom.Node.TEXT_NODE
                || node.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
            String text = node.getNodeValue();
            if (text != null && (text.contains("${") || text.contains("#{"))) {
                checkExpression(id, text, problems);
            }
        }
        for (org.w3c.dom.Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            checkAllExpressions(child, id, problems);
        }
    }

    private void checkDelegate(String id, String expression, String elementType, List<FieldError> problems) {
        Matcher bean = BEAN_REFERENCE.matcher(expression.strip());
        if (!bean.matches()) {
            problems.add(new FieldError(id, "a delegate is named as ${beanName}, not '" + expression + "'"));
            return;
        }
        String name = bean.group(1);
        if (!beans.containsBean(name)) {
            problems.add(new FieldError(id, "no Flowdesk delegate bean named '" + name + "'"));
            return;
        }
        if (!DelegateBeansOnly.isDelegate(beans, name)) {
            problems.add(new FieldError(id, "bean '" + name + "' is not a delegate or listener"));
        }
    }

    private void checkExpression(String id, String expression, List<FieldError> problems) {
        for (String problem : expressions.problems(expression)) {
            FieldError error = new FieldError(id, problem);
            if (!problems.contains(error)) {
                problems.add(error);
            }
        }
    }

    private void checkFormKey(BaseElement element, String formKey, List<FieldError> problems) {
        if (formKey == null) {
            return;
        }
        String key = FormCatalog.keyOf(formKey);
        if (key == null) {
            problems.add(new FieldError(element.getId(), "form keys are Form.io forms: formio:<key>, not '"
                    + formKey + "'"));
        } else if (forms.find(key).isEmpty()) {
            problems.add(new FieldError(element.getId(), "no form '" + key + "'; save it in the form designer first"));
        }
    }

    private void checkGroups(UserTask task, String groups, List<FieldError> problems) {
        if (groups == null || groups.contains("${")) {
            return;
        }
        for (String group : groups.split("\\s*,\\s*")) {
            if (!group.isBlank() && identity.createGroupQuery().groupId(group).count() == 0) {
                problems.add(new FieldError(task.getId(), "candidate group '" + group + "' does not exist"));
            }
        }
    }

    private static String nearestId(DomElement element, BpmnModelInstance model) {
        DomElement current = element;
        while (current != null) {
            String id = current.getAttribute("id");
            if (id != null) {
                return id;
            }
            current = current.getParentElement();
        }
        return "file";
    }
}
