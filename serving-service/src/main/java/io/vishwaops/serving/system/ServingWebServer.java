package io.vishwaops.serving.system;

import org.apache.coyote.http11.Http11Nio2Protocol;
import org.apache.tomcat.util.net.Nio2Endpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serving's Tomcat connector: NIO2 ({@code Http11Nio2Protocol}) unless {@code vops.serving.tomcat-protocol} names
 * another. Predictions mostly arrive one at a time, spread out, not back to back. With NIO, Tomcat's poller takes
 * each connection off its epoll set when a request arrives and puts it back when the answer is written, waking
 * itself each time. NIO2 re-arms the connection from the request's own thread. In the serving benchmark at the same
 * spread-out load (9,000 requests/s), NIO2 cost 4–18 % less CPU per scored request, and a prediction's p99 was
 * 8.2–8.5 ms against NIO's 9.5–10.9 ms (docs/benchmarks.md, "Serving"). Closed-loop peaks were the same within the
 * noise.
 */
@Configuration(proxyBeanMethods = false)
class ServingWebServer {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> servingConnector(
            @Value("${vops.serving.tomcat-protocol:org.apache.coyote.http11.Http11Nio2Protocol}") String protocol) {
        return factory -> {
            factory.setProtocol(protocol);
            if (protocol.equals(Http11Nio2Protocol.class.getName())) {
                // NIO2 warns at every start that it wants an executor of its own to shut down with. Requests run on
                // virtual threads instead, by design, and shutdown closes the connections one by one, so the warning
                // asks for nothing a user could do. Set here because a level in the service's properties file is
                // read after logging has started (and not at all in the standalone platform).
                LoggingSystem.get(ServingWebServer.class.getClassLoader())
                        .setLogLevel(Nio2Endpoint.class.getName(), LogLevel.ERROR);
            }
        };
    }
}
