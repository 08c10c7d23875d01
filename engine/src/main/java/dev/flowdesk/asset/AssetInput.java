package dev.flowdesk.asset;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a client (or an import row) gives for an asset. {@code version} is the one read (PUT only; stale: 409).
 * {@link #checked()} answers every wrong field at once.
 */
public record AssetInput(String type, String name, String serial, String status, String ownerId, Long organisationId,
                         String warrantyEnd, Boolean critical, Map<String, Object> fields, Long version) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** The checked values of an asset. */
    record AssetData(String type, String name, String serial, AssetStatus status, String ownerId, Long organisationId,
                     LocalDate warrantyEnd, boolean critical, Map<String, Object> fields) {

        /** The same asset with its custom fields as its type's form keeps them. */
        AssetData withFields(Map<String, Object> checkedFields) {
            return new AssetData(type, name, serial, status, ownerId, organisationId, warrantyEnd, critical,
                    checkedFields);
        }
    }

    AssetData checked() {
        List<FieldError> errors = new ArrayList<>();
        String cleanType = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(cleanType).matches()) {
            errors.add(new FieldError("type", "is required: a name such as laptop, server, application or service"));
        }
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        String cleanSerial = serial == null || serial.isBlank() ? null : serial.strip();
        if (cleanSerial != null && cleanSerial.length() > 100) {
            errors.add(new FieldError("serial", "must be at most 100 characters"));
        }
        AssetStatus cleanStatus = AssetStatus.IN_STOCK;
        if (status != null && !status.isBlank()) {
            try {
                cleanStatus = AssetStatus.parse(status, "status");
            } catch (DomainException.Invalid e) {
                errors.addAll(e.errors());
            }
        }
        String owner = ownerId == null || ownerId.isBlank() ? null : ownerId.strip();
        if (owner != null && owner.length() > 254) {
            errors.add(new FieldError("ownerId", "must be at most 254 characters"));
        }
        LocalDate warranty = null;
        if (warrantyEnd != null && !warrantyEnd.isBlank()) {
            try {
                warranty = LocalDate.parse(warrantyEnd.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("warrantyEnd", "must be a date such as 2027-03-31"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new AssetData(cleanType, cleanName, cleanSerial, cleanStatus, owner, organisationId, warranty,
                Boolean.TRUE.equals(critical), fields == null ? Map.of() : fields);
    }
}
