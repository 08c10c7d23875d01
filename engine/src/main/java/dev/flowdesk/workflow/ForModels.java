package dev.flowdesk.workflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a Flowdesk delegate bean that BPMN expressions may call, e.g.
 * {@code ${someDelegate.someQuestion(ticketId)}}. Everything else — every other method of every object, including the
 * delegates' own {@code execute}, {@code notify} and {@code getClass} — stays out of reach of models, both in the
 * deploy-time check ({@link ExpressionAllowList}) and at run time ({@link SandboxedElResolver}). A marked method takes
 * and returns plain values (text, numbers, booleans, dates), never engine or Spring objects, and has no overloads that
 * are not marked too. No shipped model needs one today.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ForModels {
}
