package dev.flowdesk.workflow;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.pvm.PvmActivity;
import org.camunda.bpm.engine.impl.pvm.ReadOnlyProcessDefinition;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
        // the parsed definition from the engine's deployment cache: no query, no XML parsing per request
        ReadOnlyProcessDefinition definition = ((RepositoryServiceImpl) repository)
                .getDeployedProcessDefinition(instance.getProcessDefinitionId());
        for (EventSubscription subscription : subscriptions) {
            PvmActivity activity = subscription.getActivityId() == null ? null
                    : definition.findActivity(subscription.getActivityId());
            Object declared = activity == null ? null : activity.getProperty(TicketStatusParseListener.USER_ACTION);
            String action = declared != null ? declared.toString() : BY_MESSAGE.get(subscription.getEventName());
            if (action != null && KNOWN.contains(action)) {
                actions.putIfAbsent(action, subscription.getEventName());
            }
        }
        return actions;
    }
}
