package dev.flowdesk.workflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

import java.beans.FeatureDescriptor;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Member;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The run-time half of the expression sandbox, wrapped around the engine's whole resolver chain: whatever model
 * reaches the engine — deployed through {@code /engine-rest} by an administrator, deployed before the deploy check
 * was an allow-list, or missed by {@link ExpressionAllowList} — can read variables, delegate beans and entries of
 * maps, lists and arrays, and call only delegate methods marked {@link ForModels}. Every other method invocation and
 * every bean-property read ({@code execution.processEngine}, {@code ''.class}, a getter on any variable value) fails
 * the evaluation with an {@link ELException} naming what was refused, before anything runs: JUEL hands each
 * {@code a.b} and {@code a.b(…)} to this resolver first and has no fallback of its own.
 */
final class SandboxedElResolver extends ELResolver {

    private final ELResolver engine;

    SandboxedElResolver(ELResolver engine) {
        this.engine = engine;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        requireContainer(base, property);
        Object value = engine.getValue(context, base, property);
        if (isReflective(value)) {
            throw new ELException("Flowdesk models cannot use '" + property + "': it is a " + value.getClass().getName());
        }
        return value;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        int arity = params == null ? 0 : params.length;
        if (base == null || !DelegateBeansOnly.isDelegateObject(base)
                || !ExpressionAllowList.isModelMethod(base.getClass(), String.valueOf(method), arity)) {
            throw new ELException("Flowdesk models cannot call methods: '" + method + "' on "
                    + (base == null ? "nothing" : base.getClass().getName()) + " was refused");
        }
        return engine.invoke(context, base, method, paramTypes, params);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        requireContainer(base, property);
        return engine.getType(context, base, property);
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        requireContainer(base, property);
        engine.setValue(context, base, property, value);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        requireContainer(base, property);
        return engine.isReadOnly(context, base, property);
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return isContainer(base) ? engine.getFeatureDescriptors(context, base) : null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return isContainer(base) ? engine.getCommonPropertyType(context, base) : null;
    }

    @Override
    public Object convertToType(ELContext context, Object obj, Class<?> targetType) {
        return engine.convertToType(context, obj, targetType);
    }

    /** Top-level names (base null) are variables, beans and engine objects; below that only collections answer. */
    private static void requireContainer(Object base, Object property) {
        if (!isContainer(base)) {
            throw new ELException("Flowdesk models can read entries of maps and lists only, not '" + property
                    + "' of a " + base.getClass().getName());
        }
    }

    private static boolean isContainer(Object base) {
        return base == null || base instanceof Map || base instanceof List || base.getClass().isArray();
    }

    private static boolean isReflective(Object value) {
        return value instanceof Class || value instanceof ClassLoader || value instanceof Module
                || value instanceof AccessibleObject || value instanceof Member || value instanceof ProcessEngine
                || value instanceof ProcessEngineServices || value instanceof ProcessEngineConfigurationImpl
                || value instanceof ApplicationContext;
    }
}
