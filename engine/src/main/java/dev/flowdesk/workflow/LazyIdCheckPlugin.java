package dev.flowdesk.workflow;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine checks every row it inserts for a usable id (present, and not the reserved "*"), but builds the error
 * message first, with the whole entity rendered as text, for every insert: a process start writes ~20 rows, and that
 * rendering was 4 % of a ticket's CPU. This entity manager makes the same check and renders the message only for an
 * id that fails it, by letting the engine's own check run then; the outcome and its exception are unchanged.
 */
@Component
class LazyIdCheckPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        // the id generator is set up after the plugins' preInit; the factory asks for it when it opens a session
        factories.add(new DbEntityManagerFactory(null) {
            @Override
            public DbEntityManager openSession() {
                PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
                return new LazyIdCheck(configuration.getIdGenerator(), persistence);
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    static final class LazyIdCheck extends DbEntityManager {

        LazyIdCheck(org.camunda.bpm.engine.impl.cfg.IdGenerator ids, PersistenceSession persistence) {
            super(ids, persistence);
        }

        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity);
            }
        }
    }
}
