package dev.flowdesk.attachment;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Bytes as files in one directory (two levels of fan-out by id), for installations whose database should not hold
 * them. A file is written to a temporary name and moved into place; when the writing transaction rolls back, the
 * file is removed again, so a file without a metadata row does not outlive its transaction.
 */
class FileSystemAttachmentStore implements AttachmentStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,32}");
    private final Path root;

    FileSystemAttachmentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachment directory " + this.root, e);
        }
    }

    @Override
    public void write(String id, byte[] content) {
        Path target = path(id);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store attachment " + id, e);
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        delete(id);
                    }
                }
            });
        }
    }

    @Override
    public byte[] read(String id) {
        try {
            return Files.readAllBytes(path(id));
        } catch (IOException e) {
            throw new IllegalStateException("attachment content " + id + " is missing", e);
        }
    }

    @Override
    public void delete(String id) {
        try {
            Files.deleteIfExists(path(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete attachment " + id, e);
        }
    }

    private Path path(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an attachment id");
        }
        return root.resolve(id.substring(0, 2)).resolve(id);
    }
}
