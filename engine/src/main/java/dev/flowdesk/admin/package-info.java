/**
 * The administrators' area (issue 15 part 4): users, groups and the roles they grant, queues with their calendar and
 * mailboxes, tenants. Everything goes through Camunda's {@code IdentityService} (never its REST API or web apps) and
 * the features' own services; every change is one transaction and records a security event. Nothing depends on this
 * package.
 */
package dev.flowdesk.admin;
