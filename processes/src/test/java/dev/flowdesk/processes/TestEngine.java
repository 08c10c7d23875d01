package dev.flowdesk.processes;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/**
 * One in-memory engine per test JVM, with {@link MockExpressionManager} so that delegate beans referenced as
 * {@code ${beanName}} can be replaced by test doubles through {@code Mocks.register}.
 */
final class TestEngine {

    private static ProcessEngine engine;

    private TestEngine() {
    }

    static synchronized ProcessEngineExtension extension() {
        if (engine == null) {
            StandaloneInMemProcessEngineConfiguration cfg = new StandaloneInMemProcessEngineConfiguration();
            cfg.setJdbcUrl("jdbc:h2:mem:flowdesk-processes;DB_CLOSE_DELAY=-1");
            cfg.setJobExecutorActivate(false);
            cfg.setHistory("full");
            cfg.setExpressionManager(new MockExpressionManager());
            engine = cfg.buildProcessEngine();
        }
        return ProcessEngineExtension.builder().useProcessEngine(engine).build();
    }
}
