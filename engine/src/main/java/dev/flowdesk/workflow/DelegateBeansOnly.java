package dev.flowdesk.workflow;

import dev.flowdesk.workflow.delegate.ProcessDefaults;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * BPMN expressions see only Flowdesk's delegate beans ({@code JavaDelegate}, {@code TaskListener},
 * {@code ExecutionListener}), not the whole Spring context: a model deployed by a designer must not reach the
 * identity service, the data source or any other bean. The resolver chain is wrapped in a {@link SandboxedElResolver}
 * (no method calls, no bean properties), so this holds for every model the engine runs, not only for those the
 * {@link DeploymentLinter} checked. Together they keep BPMN a modelling language rather than a way to program the
 * server.
 */
@Component
class DelegateBeansOnly extends AbstractProcessEnginePlugin {

    private static final Set<Class<?>> DELEGATE_TYPES = Set.of(JavaDelegate.class, TaskListener.class,
            ExecutionListener.class);

    private final ApplicationContext context;
    private final ProcessDefaults settings;

    DelegateBeansOnly(ApplicationContext context, ProcessDefaults settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new SandboxedExpressionManager(context, settings));
    }

    /** Whether an object resolved during evaluation is one of the delegate beans (the only objects with methods). */
    static boolean isDelegateObject(Object value) {
        return DELEGATE_TYPES.stream().anyMatch(t -> t.isInstance(value));
    }

    /** Static whether a bean may be used from BPMN, decided by its type without creating it. */
    static boolean isDelegate(ApplicationContext context, String name) {
        if (!context.containsBean(name)) {
            return false;
        }
        Class<?> type = context.getType(name, false);
        return type != null && DELEGATE_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type));
    }

    /** Camunda's Spring expression manager over the delegate beans, its resolver chain behind the sandbox. */
    private static final class SandboxedExpressionManager extends SpringExpressionManager {
        SandboxedExpressionManager(ApplicationContext context, ProcessDefaults settings) {
            super(context, new DelegateBeans(context, settings));
        }

        @Override
        protected ELResolver createElResolver() {
            return new SandboxedElResolver(super.createElResolver());
        }
    }

    /**
     * A read-only view of the delegate beans, resolved by name on use (the beans themselves need the engine this
     * plugin configures, so they cannot be collected up front), and of the process settings ({@link ProcessDefaults}:
     * {@code ${approvalDue}}), which expressions find after the process variables, so a variable of the same name
     * wins.
     */
    private static final class DelegateBeans extends AbstractMap<Object, Object> {
        private final ApplicationContext context;
        private final Map<String, Object> settings;

        DelegateBeans(ApplicationContext context, ProcessDefaults settings) {
            this.context = context;
            this.settings = settings.constants();
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && (settings.containsKey(name) || isDelegate(context, name));
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            Object setting = settings.get(name);
            return setting != null ? setting : isDelegate(context, name) ? context.getBean(name) : null;
        }

        @Override
        public Set<Map.Entry<Object, Object>> entrySet() {
            return Set.of();
        }
    }
}
