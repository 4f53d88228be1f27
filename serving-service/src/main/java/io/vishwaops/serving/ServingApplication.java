package io.vishwaops.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:vops/serving-service.properties")
public class ServingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }
}
