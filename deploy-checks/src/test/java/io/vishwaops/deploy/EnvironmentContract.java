package io.vishwaops.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Decides whether a service reads an environment variable, the way Spring Boot would: a variable is read when
 * the service's defaults name it in a placeholder, or when Spring's own environment-variable mapping (the
 * relaxed binding of {@link SystemEnvironmentPropertySource}) turns it into a property that the service's
 * defaults file sets or that the configuration metadata inside its jar documents, or into a key of a documented
 * map property. Anything else is a variable nobody reads: a typo, or a setting for another service.
 *
 * <p>The defaults file counts too: a property can be set there without being documented by a
 * {@code @ConfigurationProperties} record (the build runs the configuration processor, {@code -proc:full}, so
 * the {@code vops.*} records are documented in the jars' metadata).
 */
final class EnvironmentContract {

    /** Read by the JVM or its launcher before Spring starts, not by Spring. */
    static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

    private final ServiceJar service;
    private final List<ConfigurationPropertyName> exact = new ArrayList<>();
    private final List<ConfigurationPropertyName> maps = new ArrayList<>();

    EnvironmentContract(ServiceJar service) {
        this.service = service;
        for (String key : service.defaults().stringPropertyNames()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(key);
            if (name != null) {
                exact.add(name);
            }
        }
        for (ServiceJar.MetadataProperty p : service.metadata()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(p.name());
            if (name != null) {
                (p.isMap() ? maps : exact).add(name);
            }
        }
    }

    /** The variables among {@code names} that the service does not read, with the property each mapped to. */
    List<String> unread(Collection<String> names) {
        List<String> unread = new ArrayList<>();
        for (String variable : names) {
            if (!reads(variable)) {
                unread.add(variable + " (as " + mapped(variable) + ")");
            }
        }
        return unread;
    }

    boolean reads(String variable) {
        if (JVM_VARIABLES.contains(variable) || service.placeholders().contains(variable)) {
            return true;
        }
        for (ConfigurationPropertyName name : mapped(variable)) {
            if (exact.contains(name) || maps.stream().anyMatch(map -> map.isAncestorOf(name))) {
                return true;
            }
        }
        // Binding also asks the other way round, property to variable names, where Spring accepts the legacy
        // form with dashes as underscores (VOPS_SECURITY_IDENTITY_SECRET for vops.security.identity-secret).
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
        return exact.stream().anyMatch(name -> source.getConfigurationProperty(name) != null);
    }

    /** What Spring's environment-variable source presents {@code variable} as. */
    static List<ConfigurationPropertyName> mapped(String variable) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(variable, "x"));
        List<ConfigurationPropertyName> names = new ArrayList<>();
        for (ConfigurationPropertySource s : ConfigurationPropertySources.from(source)) {
            if (s instanceof IterableConfigurationPropertySource iterable) {
                iterable.forEach(names::add);
            }
        }
        return names;
    }
}
