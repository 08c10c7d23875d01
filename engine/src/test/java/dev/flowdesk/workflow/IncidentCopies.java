package dev.flowdesk.workflow;

import dev.flowdesk.ApiClient;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shipped incident model under a key of a test's own, so that deploying a second version of it (or running
 * tickets through it) leaves the shared {@code incident} process and the other tests' tickets alone.
 */
public final class IncidentCopies {

    public static final CurrentUser ALICE = new CurrentUser("alice", "Alice", "alice@example.com", List.of(),
            Set.of(Role.USER), null);

    private IncidentCopies() {
    }

    /** A fresh process key (an NCName) for one test. */
    public static String newKey(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    /** The shipped incident BPMN with its process id (and the diagram's reference to it) replaced by {@code key}. */
    public static String incidentAs(String key) {
        try (InputStream in = IncidentCopies.class.getResourceAsStream("/processes/incident.bpmn")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return xml.replace("id=\"incident\"", "id=\"" + key + "\"")
                    .replace("bpmnElement=\"incident\"", "bpmnElement=\"" + key + "\"");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deploys through the designers' endpoint as dora and answers the new definition id. */
    public static String deploy(ApiClient dora, String fileName, String xml) {
        ApiClient.Response deployed = dora.postFile("/api/processes", "file", fileName,
                xml.getBytes(StandardCharsets.UTF_8));
        if (deployed.status() != 201) {
            throw new IllegalStateException("deployment refused: " + deployed.raw());
        }
        return deployed.json("/processes/0/id").asText();
    }

    /** Opens a low-priority incident on process {@code key}; {@code queue} null lets the rules route it. */
    public static long open(TicketService tickets, String key, String subject, String queue) {
        return tickets.open(new NewTicket("INCIDENT", "WEB", subject, "seen since this morning", "alice", "LOW",
                "LOW", null, Map.of(), key), ALICE, queue).ticketId();
    }

    /**
     * The model without the given flow nodes, their boundary events, the flows touching any of them and their
     * diagram shapes: a designer's "removed activity".
     */
    public static String without(String xml, Set<String> nodeIds) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)));
        Set<String> gone = new java.util.HashSet<>(nodeIds);
        List<ModelElementInstance> remove = new ArrayList<>();
        for (String id : nodeIds) {
            FlowNode node = model.getModelElementById(id);
            node.getIncoming().forEach(f -> gone.add(f.getId()));
            node.getOutgoing().forEach(f -> gone.add(f.getId()));
            remove.add(node);
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (gone.contains(flow.getId())) {
                remove.add(flow);
            }
        }
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            if (gone.contains(shape.getBpmnElement().getId())) {
                remove.add(shape);
            }
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (gone.contains(edge.getBpmnElement().getId())) {
                remove.add(edge);
            }
        }
        for (ModelElementInstance element : remove) {
            element.getParentElement().removeChildElement(element);
        }
        return Bpmn.convertToString(model);
    }
}
