package dev.flowdesk.conversation;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user actions a ticket's process waits for right now. A model offers an action by declaring the extension
 * property {@code userAction} on the message event (or receive task) that the action triggers, e.g. a boundary
 * message event {@code userAction=reopen} on "Await confirmation"; while that event waits, the ticket page shows the
 * button, and the action delivers the event's message. The buttons therefore follow the model, not statuses coded in
 * Java. Models deployed before the property existed keep their actions through the shipped messages' names.
 */
@Component
public class UserActions {

    public static final String REQUEST_INFO = "request-info";
    public static final String CONFIRM = "confirm";
    public static final String REOPEN = "reopen";
    public static final String WITHDRAW = "withdraw";
    public static final String CANCEL = "cancel";
    /** The extension property ({@code camunda:property}) that offers an action. */
    public static final String PROPERTY = "userAction";
    /** The actions Flowdesk knows; the model linter rejects any other value. */
    public static final Set<String> KNOWN = Set.of(REQUEST_INFO, CONFIRM, REOPEN, WITHDRAW, CANCEL);

    /** The shipped messages, for events that name no {@code userAction} (models deployed before it existed). */
    private static final Map<String, String> BY_MESSAGE = Map.of(
            "CustomerInputRequested", REQUEST_INFO,
            "ResolutionConfirmed", CONFIRM,
            "SubTicketCancelled", CANCEL,
            "RequestWithdrawn", WITHDRAW);

    private final RuntimeService runtime;
    private final RepositoryService repository;

    UserActions(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    /** The actions the process instance waits for now, each with the name of the message that performs it. */
    public Map<String, String> waiting(String processInstanceId) {
        Map<String, String> actions = new LinkedHashMap<>();
        if (processInstanceId == null) {
            return actions;
        }
        List<EventSubscription> subscriptions = runtime.createEventSubscriptionQuery().eventType("message")
                .processInstanceId(processInstanceId).list();
        if (subscriptions.isEmpty()) {
            return actions;
        }
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        if (instance == null) {
            return actions;
        }
        // the model from the engine's deployment cache: no query, no XML parsing per request
        BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        for (EventSubscription subscription : subscriptions) {
            ModelElementInstance element = subscription.getActivityId() == null ? null
                    : model.getModelElementById(subscription.getActivityId());
            String declared = element instanceof BaseElement base ? declared(base) : null;
            String action = declared != null ? declared : BY_MESSAGE.get(subscription.getEventName());
            if (action != null && KNOWN.contains(action)) {
                actions.putIfAbsent(action, subscription.getEventName());
            }
        }
        return actions;
    }

    /** The element's {@code userAction} property, or null. */
    public static String declared(BaseElement element) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream()).filter(p -> PROPERTY.equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue).filter(v -> v != null && !v.isBlank()).map(String::strip)
                .findFirst().orElse(null);
    }
}
