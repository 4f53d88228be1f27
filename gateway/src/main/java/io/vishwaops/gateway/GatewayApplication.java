package io.vishwaops.gateway;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:vops/gateway.properties")
public class GatewayApplication {

    public static void main(String[] args) {
        // Spring Cloud Gateway runs on WebFlux only; in standalone mode Spring MVC from the servlet services is
        // on the same classpath and would otherwise win Boot's web application type detection.
        new SpringApplicationBuilder(GatewayApplication.class).web(WebApplicationType.REACTIVE).run(args);
    }
}
