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
 */
class TicketStatusParseListener extends AbstractBpmnParseListener {

    static final String TICKET_STATUS = "ticketStatus";

    private final ExecutionListener statusListener;

    TicketStatusParseListener(ExecutionListener statusListener) {
        this.statusListener = statusListener;
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
        if (status != null && !status.isBlank()) {
            activity.setProperty(TICKET_STATUS, status.strip());
            activity.addListener(ExecutionListener.EVENTNAME_START, statusListener);
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
