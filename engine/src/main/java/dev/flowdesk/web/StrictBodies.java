package dev.flowdesk.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Makes {@link StrictBody} records refuse unknown fields. Jackson's own switch ({@code FAIL_ON_UNKNOWN_PROPERTIES})
 * is global, and {@code @JsonIgnoreProperties(ignoreUnknown = false)} cannot turn it back on for one type; a problem
 * handler sees every unknown field and throws for the marked types only. {@link ProblemHandler} answers 400 naming it.
 */
@Configuration
class StrictBodies {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictBodiesCustomizer() {
        return builder -> builder.postConfigurer(mapper -> mapper.addHandler(new UnknownFieldRefusal()));
    }

    static final class UnknownFieldRefusal extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass,
                                             String propertyName) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            if (type.isAnnotationPresent(StrictBody.class)) {
                throw UnrecognizedPropertyException.from(parser, beanOrClass, propertyName,
                        deserializer.getKnownPropertyNames());
            }
            return false;
        }
    }
}
