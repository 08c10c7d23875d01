package dev.flowdesk.diff;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.camunda.bpm.model.xml.type.attribute.Attribute;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The semantic difference of two BPMN models by element id, read with Camunda's model API: which elements were
 * added, removed or changed (name, type, attributes such as {@code camunda:candidateGroups}, incoming and outgoing
 * flows, and what the element holds without an id of its own: extension properties, conditions, timer
 * definitions). Diagram interchange (shapes, edges, waypoints) is ignored: moving a task on the canvas is no change
 * to the process. The browser colours the elements of both diagrams by these ids.
 */
public final class BpmnDiff {

    public enum Change { ADDED, REMOVED, CHANGED }

    /** One changed property: {@code name}, {@code type}, {@code incoming}, an attribute or {@code content}. */
    public record Property(String property, String from, String to) {
    }

    public record Element(String id, Change change, String type, String name, List<Property> properties) {
    }

    /** Reported as the properties incoming and outgoing (sorted), not again as content. */
    private static final java.util.Set<String> FLOW_REFERENCES = java.util.Set.of("incoming", "outgoing");

    private BpmnDiff() {
    }

    /** The changes from {@code fromXml} to {@code toXml}, in document order of the newer model, removed ones last. */
    public static List<Element> diff(String fromXml, String toXml) {
        Map<String, Snapshot> before = snapshots(fromXml);
        Map<String, Snapshot> after = snapshots(toXml);
        List<Element> changes = new ArrayList<>();
        after.forEach((id, now) -> {
            Snapshot was = before.get(id);
            if (was == null) {
                changes.add(new Element(id, Change.ADDED, now.type(), now.name(), List.of()));
                return;
            }
            List<Property> properties = new ArrayList<>();
            TreeMap<String, String> keys = new TreeMap<>();
            was.properties().keySet().forEach(k -> keys.put(k, k));
            now.properties().keySet().forEach(k -> keys.put(k, k));
            for (String key : keys.keySet()) {
                String a = was.properties().get(key);
                String b = now.properties().get(key);
                if (!Objects.equals(a, b)) {
                    properties.add(new Property(key, a, b));
                }
            }
            if (!properties.isEmpty()) {
                changes.add(new Element(id, Change.CHANGED, now.type(), now.name(), properties));
            }
        });
        before.forEach((id, was) -> {
            if (!after.containsKey(id)) {
                changes.add(new Element(id, Change.REMOVED, was.type(), was.name(), List.of()));
            }
        });
        return changes;
    }

    private record Snapshot(String type, String name, Map<String, String> properties) {
    }

    private static Map<String, Snapshot> snapshots(String xml) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)));
        Map<String, Snapshot> result = new LinkedHashMap<>();
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (element.getId() == null || result.containsKey(element.getId())) {
                continue;
            }
            Map<String, String> properties = new TreeMap<>();
            String type = element.getElementType().getTypeName();
            String name = element.getAttributeValue("name");
            properties.put("type", type);
            properties.put("name", name);
            attributes(element).forEach(properties::put);
            if (element instanceof FlowNode node) {
                properties.put("incoming", node.getIncoming().stream().map(SequenceFlow::getId).sorted().toList()
                        .toString());
                properties.put("outgoing", node.getOutgoing().stream().map(SequenceFlow::getId).sorted().toList()
                        .toString());
            }
            String content = content(element.getDomElement());
            properties.put("content", content.isEmpty() ? null : content);
            properties.values().removeIf(Objects::isNull);
            result.put(element.getId(), new Snapshot(type, name, properties));
        }
        return result;
    }

    /** Every attribute the element's type (and its base types) define, except id and name, by qualified name. */
    private static Map<String, String> attributes(ModelElementInstance element) {
        Map<String, String> values = new TreeMap<>();
        for (ModelElementType type = element.getElementType(); type != null; type = type.getBaseType()) {
            for (Attribute<?> attribute : type.getAttributes()) {
                String name = attribute.getAttributeName();
                if (attribute.isIdAttribute() || name.equals("id") || name.equals("name")) {
                    continue;
                }
                String value = attribute.getNamespaceUri() == null ? element.getAttributeValue(name)
                        : element.getAttributeValueNs(attribute.getNamespaceUri(), name);
                if (value != null) {
                    values.put(prefix(attribute.getNamespaceUri()) + name, value);
                }
            }
        }
        return values;
    }

    /**
     * What an element holds in children without an id of their own (extension elements, condition expressions,
     * timer and message definitions), as one line of text; children with an id are elements compared by themselves.
     */
    private static String content(DomElement element) {
        StringBuilder text = new StringBuilder();
        for (DomElement child : element.getChildElements()) {
            if (child.hasAttribute("id") || isDiagram(child) || FLOW_REFERENCES.contains(child.getLocalName())) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(prefix(child.getNamespaceURI())).append(child.getLocalName());
            ModelElementInstance instance = child.getModelElementInstance();
            if (instance != null) {
                Map<String, String> attributes = attributes(instance);
                String name = instance.getAttributeValue("name");
                if (name != null) {
                    attributes.put("name", name);
                }
                if (!attributes.isEmpty()) {
                    text.append(attributes);
                }
            }
            String inner = content(child);
            if (!inner.isEmpty()) {
                text.append('{').append(inner).append('}');
            } else if (child.getChildElements().isEmpty() && child.getTextContent() != null
                    && !child.getTextContent().isBlank()) {
                text.append("{\"").append(child.getTextContent().strip()).append("\"}");
            }
        }
        return text.toString();
    }

    private static boolean isDiagram(DomElement element) {
        String ns = element.getNamespaceURI();
        return ns != null && ns.startsWith("http://www.omg.org/spec/") && !ns.endsWith("/MODEL");
    }

    private static String prefix(String namespace) {
        if (namespace == null || namespace.equals("http://www.omg.org/spec/BPMN/20100524/MODEL")) {
            return "";
        }
        if (namespace.equals("http://camunda.org/schema/1.0/bpmn")) {
            return "camunda:";
        }
        return "{" + namespace + "}";
    }
}
