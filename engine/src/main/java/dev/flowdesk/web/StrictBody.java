package dev.flowdesk.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request body record that refuses any field it does not declare, with 400 naming the field
 * ({@link StrictBodies}). Flowdesk's JSON otherwise ignores unknown fields (clients may send more than an endpoint
 * reads); bodies where an extra field would look like it did something — {@code status}, {@code requester},
 * {@code tenant}, {@code id}, {@code author}, another user's id (issue 15: mass assignment) — say so instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StrictBody {
}
