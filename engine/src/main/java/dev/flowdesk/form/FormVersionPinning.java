package dev.flowdesk.form;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;

/**
 * Pins the form version of every user task when the task is created (task-local variable {@value #VARIABLE}), so
 * that a designer saving a new version of a form never changes the form of a task already waiting in an inbox.
 */
@Component
class FormVersionPinning extends AbstractProcessEnginePlugin {

    static final String VARIABLE = "formVersion";

    private final ObjectProvider<FormCatalog> catalog;

    FormVersionPinning(ObjectProvider<FormCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                String key = FormCatalog.keyOf(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formKey"));
                if (key != null && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, task -> pin(task, key));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void pin(DelegateTask task, String key) {
        catalog.getObject().find(key).ifPresent(form -> task.setVariableLocal(VARIABLE, form.version()));
    }
}
