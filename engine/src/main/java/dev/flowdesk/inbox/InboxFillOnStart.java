package dev.flowdesk.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A database upgraded to the inbox read model has open tasks but no inbox rows yet: the first start fills them from
 * the engine. Later starts find rows and leave them to the listeners (a rebuild on every start would race with the
 * other nodes' transactions).
 */
@Component
class InboxFillOnStart implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFillOnStart.class);

    private final JdbcTemplate jdbc;
    private final InboxEntries inbox;

    InboxFillOnStart(JdbcTemplate jdbc, InboxEntries inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean empty = jdbc.queryForList("SELECT 1 FROM inbox_entry FETCH FIRST 1 ROWS ONLY").isEmpty();
        boolean tasks = !jdbc.queryForList("SELECT 1 FROM ACT_RU_TASK FETCH FIRST 1 ROWS ONLY").isEmpty();
        if (empty && tasks) {
            LOG.info("Filled the inbox read model from the engine: {} rows", inbox.rebuild());
        }
    }
}
