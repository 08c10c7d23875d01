package dev.flowdesk.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The insert check refuses what the engine's refuses, and renders the entity only when it refuses. */
class LazyIdCheckTest {

    private final LazyIdCheckPlugin.LazyIdCheck check = new LazyIdCheckPlugin.LazyIdCheck(null, null);

    @Test
    void aUsableIdPassesWithoutRenderingTheEntity() {
        assertThatCode(() -> check.validateId(entity("4f0c2a7e-1b2d-11ef-9c3a-0242ac120002", true)))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingOrReservedIdIsRefusedWithTheEnginesMessage() {
        assertThatThrownBy(() -> check.validateId(entity(null, false))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity probe-entity has an invalid id").hasMessageContaining("id is null");
        assertThatThrownBy(() -> check.validateId(entity("*", false))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("probe-entity").hasMessageContaining("is a reserved identifier");
    }

    private static DbEntity entity(String id, boolean renderingFails) {
        return new DbEntity() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public void setId(String newId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object getPersistentState() {
                return id;
            }

            @Override
            public String toString() {
                if (renderingFails) {
                    throw new AssertionError("the entity was rendered for a usable id");
                }
                return "probe-entity";
            }
        };
    }
}
