package dev.flowdesk.workflow;

import dev.flowdesk.error.DomainException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A designer's comment on a deployment ({@code process_deployment_comment}, V69): Camunda keeps none. */
@Component
class DeploymentComments {

    private final JdbcTemplate jdbc;

    DeploymentComments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static void check(String comment) {
        if (comment != null && comment.length() > 1000) {
            throw DomainException.invalid("comment", "must be at most 1000 characters");
        }
    }

    /** Records the comment once: a duplicate-filtered redeploy answers the existing deployment, which keeps its own. */
    void record(String deploymentId, String comment) {
        check(comment);
        if (comment == null || comment.isBlank() || find(deploymentId) != null) {
            return;
        }
        jdbc.update("INSERT INTO process_deployment_comment (deployment_id, comment) VALUES (?, ?)", deploymentId,
                comment.strip());
    }

    String find(String deploymentId) {
        return jdbc.query("SELECT comment FROM process_deployment_comment WHERE deployment_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, deploymentId);
    }
}
