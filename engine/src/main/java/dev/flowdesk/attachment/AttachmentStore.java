package dev.flowdesk.attachment;

/**
 * Where the bytes of attachments live. Every implementation takes part in the caller's transaction as far as it
 * can: the database store commits with the ticket; the filesystem store removes a file written by a transaction
 * that rolls back. Metadata and access checks are {@link Attachments}' job, never a store's.
 */
public interface AttachmentStore {

    void write(String id, byte[] content);

    /** The bytes of {@code id}; an {@link IllegalStateException} when they are missing (a broken store). */
    byte[] read(String id);

    void delete(String id);
}
