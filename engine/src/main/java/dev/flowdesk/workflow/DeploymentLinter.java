package dev.flowdesk.workflow;

import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.web.ApiException.FieldError;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a BPMN model before it may be deployed, across BPMN, forms and the engine's beans: every process has a
 * history time-to-live; no script tasks, scripts, {@code camunda:class} or method-calling expressions (designers
 * model, they do not program the server); service tasks and listeners name an existing delegate bean as
 * {@code ${beanName}}; every {@code formio:} form key exists; literal candidate groups exist. Each problem names the
 * element id, so the modeler can point at it.
 */
@Component
public class DeploymentLinter {

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern BEAN_REFERENCE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    /** Variables, literals and operators are fine; a "(" means a method call into arbitrary Java. */
    private static final Pattern METHOD_CALL = Pattern.compile("[A-Za-z0-9_\\]]\\s*\\(");
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class");
    private static final Set<String> EXPRESSION_ATTRIBUTES = Set.of("expression", "assignee", "candidateUsers",
            "candidateGroups", "dueDate", "followUpDate", "priority", "collection", "elementVariable",
            "calledElement", "formKey");

    private final ApplicationContext beans;
    private final FormCatalog forms;
    private final IdentityService identity;

    DeploymentLinter(ApplicationContext beans, FormCatalog forms, IdentityService identity) {
        this.beans = beans;
        this.forms = forms;
        this.identity = identity;
    }

    /** The parsed model, or a single problem when the file is not BPMN at all. */
    public record Result(BpmnModelInstance model, List<FieldError> problems) {
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
            return new Result(null, List.of(new FieldError("file", "not a valid BPMN 2.0 file: " + message)));
        }
        List<FieldError> problems = new ArrayList<>();
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
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            checkFormKey(task, task.getCamundaFormKey(), problems);
            checkGroups(task, task.getCamundaCandidateGroups(), problems);
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            checkFormKey(start, start.getCamundaFormKey(), problems);
        }
        for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
            checkExpression(elementId(condition), condition.getTextContent(), problems);
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (node.getName() == null || node.getName().isBlank()) {
                problems.add(new FieldError(node.getId(), "give every element a name, so tickets and the history"
                        + " read well"));
            }
        }
        return new Result(model, problems);
    }

    /** Every element and attribute of the document: camunda:class, scripts, delegate expressions, expressions. */
    private void walk(DomElement element, BpmnModelInstance model, List<FieldError> problems) {
        String id = nearestId(element, model);
        String local = element.getLocalName();
        if (CAMUNDA_NS.equals(element.getNamespaceURI()) && "script".equals(local)) {
            problems.add(new FieldError(id, "scripts (camunda:script) are not allowed"));
        }
        for (String attribute : CLASS_ATTRIBUTES) {
            if (element.hasAttribute(CAMUNDA_NS, attribute)) {
                problems.add(new FieldError(id, "camunda:class is not allowed; use camunda:delegateExpression "
                        + "with a Flowdesk delegate bean"));
            }
        }
        String delegate = element.getAttribute(CAMUNDA_NS, "delegateExpression");
        if (delegate != null) {
            checkDelegate(id, delegate, local, problems);
        }
        for (String attribute : EXPRESSION_ATTRIBUTES) {
            String value = element.getAttribute(CAMUNDA_NS, attribute);
            if (value != null) {
                if ("expression".equals(attribute)) {
                    problems.add(new FieldError(id, "camunda:expression is not allowed on service tasks and "
                            + "listeners; use camunda:delegateExpression=\"${beanName}\""));
                } else {
                    checkExpression(id, value, problems);
                }
            }
        }
        for (String attribute : new String[] {"timeDuration", "timeDate", "timeCycle", "completionCondition"}) {
            if (attribute.equals(local)) {
                checkExpression(id, element.getTextContent(), problems);
            }
        }
        for (DomElement child : element.getChildElements()) {
            walk(child, model, problems);
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
        Object target = beans.getBean(name);
        if (!(target instanceof JavaDelegate || target instanceof TaskListener || target instanceof ExecutionListener)) {
            problems.add(new FieldError(id, "bean '" + name + "' is not a delegate or listener"));
        }
    }

    private void checkExpression(String id, String expression, List<FieldError> problems) {
        if (expression != null && expression.contains("{") && METHOD_CALL.matcher(expression).find()) {
            problems.add(new FieldError(id, "expressions may read variables and compare them, but not call "
                    + "methods: '" + expression.strip() + "'"));
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

    private static String elementId(ModelElementInstance element) {
        ModelElementInstance current = element;
        while (current != null) {
            if (current instanceof BaseElement base && base.getId() != null) {
                return base.getId();
            }
            current = current.getParentElement();
        }
        return "file";
    }
}
