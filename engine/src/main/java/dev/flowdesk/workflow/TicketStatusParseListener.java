package dev.flowdesk.workflow;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads the extension property {@code ticketStatus} of every activity while a BPMN model is parsed and attaches a
 * start listener that moves the ticket to that status. Designers change ticket statuses in the modeler, not in Java.
 * The property {@code slaClock=paused} stops the ticket's SLA clock while the activity waits; leaving the activity
 * starts it again.
 */
class TicketStatusParseListener extends AbstractBpmnParseListener {

    static final String TICKET_STATUS = "ticketStatus";
    /** {@code slaClock=paused} stops the SLA clock while the activity is active (e.g. waiting for the customer). */
    static final String SLA_CLOCK = "slaClock";

    private final ExecutionListener statusListener;
    private final ExecutionListener clockResumeListener;

    TicketStatusParseListener(ExecutionListener statusListener, ExecutionListener clockResumeListener) {
        this.statusListener = statusListener;
        this.clockResumeListener = clockResumeListener;
    }

    /** The value of a {@code camunda:property} of an element, or null. */
    static String property(Element element, String name) {
        Element properties = BpmnParseUtil.findCamundaExtensionElement(element, "properties");
        if (properties == null) {
            return null;
        }
        for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
            if (name.equals(property.attribute("name"))) {
                return property.attribute("value");
            }
        }
        return null;
    }

    private void attach(Element element, ActivityImpl activity) {
        String status = property(element, TICKET_STATUS);
        String clock = property(element, SLA_CLOCK);
        boolean hasStatus = status != null && !status.isBlank();
        boolean hasClock = clock != null && !clock.isBlank();
        if (hasStatus) {
            activity.setProperty(TICKET_STATUS, status.strip());
        }
        if (hasClock) {
            activity.setProperty(SLA_CLOCK, clock.strip());
        }
        if (hasStatus || hasClock) {
            activity.addListener(ExecutionListener.EVENTNAME_START, statusListener);
        }
        if (hasClock && "paused".equals(clock.strip())) {
            // Resume when the waiting activity ends, before the next activity creates timers from the due dates.
            activity.addListener(ExecutionListener.EVENTNAME_END, clockResumeListener);
        }
    }

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseManualTask(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
    @Override
    public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) { attach(element, activity); }
}
