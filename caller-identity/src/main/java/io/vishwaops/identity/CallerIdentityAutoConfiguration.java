package io.vishwaops.identity;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Puts the identity check in front of every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(IdentityProperties.class)
public class CallerIdentityAutoConfiguration {

    @Bean
    FilterRegistrationBean<IdentityFilter> callerIdentityFilter(IdentityProperties properties) {
        FilterRegistrationBean<IdentityFilter> registration =
                new FilterRegistrationBean<>(new IdentityFilter(properties, Clock.systemUTC()));
        // before anything that could act on the request, including Spring's own filters
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    ServiceIdentity serviceIdentity(IdentityProperties properties) {
        return new ServiceIdentity(properties, Clock.systemUTC());
    }
}
