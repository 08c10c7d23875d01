package dev.flowdesk.attachment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An attachment as the API shows it. {@code id} is null for a file that was named in a mail but not stored (too
 * large, or of a type not accepted); {@code url} downloads it within the ticket's access scope.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttachmentView(String id, String name, long size, String contentType) {

    @JsonProperty("url")
    public String url() {
        return id == null ? null : "/api/attachments/" + id;
    }

    @JsonProperty("image")
    public boolean image() {
        return id != null && AttachmentProperties.isImage(contentType);
    }
}
