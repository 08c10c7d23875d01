package dev.flowdesk.workflow;

import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Defence in depth: models deployed straight through the engine's {@link RepositoryService} — as an administrator
 * could through {@code /engine-rest}, bypassing the deploy linter — still cannot call methods or read bean properties
 * when a ticket reaches them; the evaluation fails with a clear error instead of running anything.
 */
class ExpressionSandboxIT extends PostgresEngineTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void undeploy() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    void theUnicodeWhitespaceProbeFailsAtTheGatewayInsteadOfRunning(@TempDir Path tmp) {
        // given: issue 8's probe, deployed without the linter
        Path marker = tmp.resolve("probe");
        String key = deploy("${''.getClass\u2003().forName\u2003('java.lang.Runtime').getMethod\u2003('getRuntime')"
                + ".invoke\u2003(null).exec\u2003('touch " + marker + "') != null}");

        // when / then: the gateway refuses the first call, and nothing ran
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key))
                .hasMessageContaining("Flowdesk models cannot call methods: 'getClass'");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${execution.processEngine != null}",
            "${execution.processEngineServices.identityService != null}",
            "${execution.getProcessEngineServices() != null}",
            "${subject.class != null}",
            "${subject.bytes != null}",
            "${subject['class'] != null}",
            "${order.getClass() != null}",
            "${notify.getClass() != null}",
            "${notify.class != null}"
    })
    void methodCallsAndBeanPropertiesFailWhenEvaluated(String condition) {
        String key = deploy(condition);

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key, Variables.putValue("subject", "Printer on fire")
                .putValueTyped("order", transientValue(Map.of("total", 120)))))
                .hasMessageContaining("Flowdesk models can");
    }

    @Test
    void variablesAndEntriesOfMapsAndListsStillWork() {
        // given: a condition that reads a map entry and a list element of process variables
        String key = deploy("${order.total > 100 && items[1] == 'b' && order['kind'] == 'hardware'}");

        // when
        var instance = runtime.startProcessInstanceByKey(key, Variables
                .putValueTyped("order", transientValue(Map.of("total", 120, "kind", "hardware")))
                .putValueTyped("items", transientValue(List.of("a", "b"))));

        // then: the condition held, so the instance took the "yes" path and ended there
        assertThat(instance.isEnded()).isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    /** Maps and lists as variables need Java serialization, which is off; transient values skip storage. */
    private static ObjectValue transientValue(Object value) {
        return Variables.objectValue(value, true).create();
    }

    /** A process whose exclusive gateway evaluates the condition right at start; deployed without the linter. */
    private String deploy(String condition) {
        String key = "Process_Sandbox" + System.nanoTime();
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Sandbox"
                    targetNamespace="https://flowdesk.dev/test">
                  <bpmn:process id="KEY" name="Sandbox" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Sandbox" name="Started"/>
                    <bpmn:exclusiveGateway id="Gateway_Sandbox" name="Condition?" default="Flow_No"/>
                    <bpmn:endEvent id="EndEvent_Yes" name="Yes"/>
                    <bpmn:userTask id="Task_No" name="Condition did not hold"/>
                    <bpmn:sequenceFlow id="Flow_In" sourceRef="StartEvent_Sandbox" targetRef="Gateway_Sandbox"/>
                    <bpmn:sequenceFlow id="Flow_Yes" sourceRef="Gateway_Sandbox" targetRef="EndEvent_Yes">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[CONDITION]]></bpmn:conditionExpression>
                    </bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="Flow_No" sourceRef="Gateway_Sandbox" targetRef="Task_No"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.replace("KEY", key).replace("CONDITION", condition).strip();
        Deployment deployment = repository.createDeployment().name("sandbox test").addString(key + ".bpmn", xml).deploy();
        deployments.add(deployment.getId());
        return key;
    }
}
