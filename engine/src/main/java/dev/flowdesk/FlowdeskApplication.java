package dev.flowdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Flowdesk service desk: one Spring Boot application with an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class FlowdeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(FlowdeskApplication.class, args);
    }
}
