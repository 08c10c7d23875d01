package dev.flowdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-service catalogue (issue 10): {@code GET /api/forms} lists the start forms the caller may use, each with
 * the category, icon and order the portal groups and sorts it by; forms restricted to groups stay out of everyone
 * else's catalogue, and task forms stay out of a requester's.
 */
class CatalogueIT extends PostgresEngineTest {

    private static final String NETWORK_FORM = """
            {"title":"Schedule a network maintenance window","display":"form",
             "properties":{"access":"network","ticketType":"CHANGE","category":"Network team","icon":"router",
                           "order":"5","description":"Only for the network team."},
             "components":[
              {"type":"textfield","key":"subject","label":"Subject","input":true,"validate":{"required":true},
               "properties":{"ticketField":"subject"}}]}""";

    private static final String HOSTILE_ICON_FORM = """
            {"title":"Odd icon","display":"form",
             "properties":{"access":"authenticated","ticketType":"INCIDENT","icon":"x\\" onmouseover=\\"alert(1)",
                           "order":"first"},
             "components":[
              {"type":"textfield","key":"subject","label":"Subject","input":true,
               "properties":{"ticketField":"subject"}}]}""";

    @Autowired
    RepositoryService repository;

    @Test
    void aRequesterSeesTheBuiltinStartFormsWithCategoryIconAndOrder() {
        Map<String, JsonNode> catalogue = catalogueOf(as("alice"));

        assertThat(catalogue).containsKeys("report-incident", "request-service", "request-change");
        assertThat(catalogue).as("task forms are not in a requester's catalogue")
                .doesNotContainKeys("resolve-incident", "approve", "dispatch-ticket");
        assertEntry(catalogue.get("report-incident"), "Report an incident", "Something is not working",
                "exclamation-triangle", 10);
        assertEntry(catalogue.get("request-service"), "Request equipment, software or access", "Requests", "laptop", 20);
        assertEntry(catalogue.get("request-change"), "Request a change", "Changes to IT services", "arrow-repeat", 30);
        assertThat(catalogue.get("request-service").get("description").asText()).contains("laptop");
        assertThat(catalogue.get("report-incident").get("processKey").asText()).isNotBlank();
        // issue 10: the shipped forms carry their catalogue texts in German too (properties title_de, ...)
        JsonNode german = catalogue.get("request-service").get("translations").get("de");
        assertThat(german.get("title").asText()).isEqualTo("Geräte, Software oder Zugänge anfragen");
        assertThat(german.get("category").asText()).isEqualTo("Anfragen");
        assertThat(german.get("description").asText()).contains("Laptop");
        assertThat(catalogue.get("report-incident").get("translations").get("de").get("title").asText())
                .isEqualTo("Störung melden");
    }

    @Test
    void aFormForOneGroupIsListedOnlyForItsMembers() {
        assertThat(as("dora").put("/api/forms/network-window", NETWORK_FORM).status()).isEqualTo(200);
        deployProcessStartedBy("network-window");

        Map<String, JsonNode> frank = catalogueOf(as("frank"));
        Map<String, JsonNode> alice = catalogueOf(as("alice"));
        Map<String, JsonNode> bob = catalogueOf(as("bob"));

        assertEntry(frank.get("network-window"), "Schedule a network maintenance window", "Network team", "router", 5);
        assertThat(frank.get("network-window").get("description").asText()).isEqualTo("Only for the network team.");
        assertThat(alice).doesNotContainKey("network-window");
        assertThat(bob).doesNotContainKey("network-window");
        assertThat(as("alice").get("/api/forms/network-window").status()).isEqualTo(404);
        assertThat(catalogueOf(ApiClient.anonymous(port))).as("anonymous visitors see no signed-in forms")
                .doesNotContainKeys("report-incident", "request-service", "request-change", "network-window");
    }

    @Test
    void anIconThatIsNotAnIconNameAndAnOrderThatIsNotANumberAreLeftOut() {
        Response saved = as("dora").put("/api/forms/odd-icon", HOSTILE_ICON_FORM);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        deployProcessStartedBy("odd-icon");

        JsonNode entry = catalogueOf(as("alice")).get("odd-icon");

        assertThat(entry).isNotNull();
        assertThat(entry.get("icon").isNull()).isTrue();
        assertThat(entry.get("order").isNull()).isTrue();
        assertThat(entry.get("category").isNull()).isTrue();
        assertThat(entry.get("translations").isEmpty()).as("a form without title_de etc. has no translations").isTrue();
    }

    private static void assertEntry(JsonNode entry, String title, String category, String icon, int order) {
        assertThat(entry).isNotNull();
        assertThat(entry.get("title").asText()).isEqualTo(title);
        assertThat(entry.get("category").asText()).isEqualTo(category);
        assertThat(entry.get("icon").asText()).isEqualTo(icon);
        assertThat(entry.get("order").asInt()).isEqualTo(order);
        assertThat(entry.get("description").asText()).isNotBlank();
    }

    private static Map<String, JsonNode> catalogueOf(ApiClient client) {
        Response response = client.get("/api/forms");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        response.body().forEach(form -> byKey.put(form.get("key").asText(), form));
        return byKey;
    }

    private void deployProcessStartedBy(String formKey) {
        String processKey = formKey + "-process";
        repository.createDeployment().addModelInstance(processKey + ".bpmn", Bpmn.createExecutableProcess(processKey)
                .camundaHistoryTimeToLive(30).startEvent("StartEvent_Requested").camundaFormKey("formio:" + formKey)
                .userTask("Task_Handle").name("Handle").camundaCandidateGroups("service-desk")
                .camundaFormKey("formio:resolve-incident").endEvent().done()).deploy();
    }
}
