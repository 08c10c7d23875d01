package dev.flowdesk.workflow.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Gives every process instance the due dates its SLA timers read when the starter did not: a process-start listener
 * added to every deployed definition. Due dates the rules left empty become "far away" so that a timer on them is
 * valid and simply never fires in practice. (The other {@link ProcessDefaults} are settings that expressions resolve
 * by name, not variables: see {@code DelegateBeansOnly}.)
 */
@Component
@EnableConfigurationProperties(ProcessDefaults.class)
class ProcessDefaultsPlugin extends AbstractProcessEnginePlugin {

    private final ProcessDefaults defaults;

    ProcessDefaultsPlugin(ProcessDefaults defaults) {
        this.defaults = defaults;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        ExecutionListener applyDefaults = this::applyDefaults;
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, applyDefaults);
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    private void applyDefaults(DelegateExecution execution) {
        Date far = new Date(ClockUtil.getCurrentTime().getTime() + defaults.noDueDate().toMillis());
        for (String due : List.of("firstResponseDue", "resolutionDue")) {
            if (execution.getVariable(due) == null) {
                execution.setVariable(due, far);
            }
        }
    }
}
