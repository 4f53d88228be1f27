package io.vishwaops.gateway.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import reactor.core.publisher.Mono;

/**
 * The one Redis connection the gateway's Redis stores share, opened on first use (a gateway on the memory and file
 * stores never opens it). Commands fail fast while Redis is unreachable instead of queueing until it is back, and
 * after a failure the stores leave Redis alone for {@code retry-after-failure}, so an outage costs each request
 * nothing rather than a timeout. Each outage is logged once, when it starts, and once when it ends.
 */
@Component
class GatewayRedis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GatewayRedis.class);

    private final GatewaySecurityProperties.Redis properties;

    private @Nullable LettuceConnectionFactory factory;

    private @Nullable ReactiveStringRedisTemplate template;

    /** Until when (epoch milliseconds) Redis is taken as down; 0 while it is up. */
    private final AtomicLong downUntil = new AtomicLong();

    GatewayRedis(GatewaySecurityProperties properties) {
        this.properties = properties.redis();
    }

    String key(String name) {
        return properties.keyPrefix() + name;
    }

    Duration timeout() {
        return properties.timeout();
    }

    synchronized ReactiveStringRedisTemplate template() {
        if (template == null) {
            RedisConfiguration server = LettuceConnectionFactory.createRedisConfiguration(properties.url().toString());
            Duration timeout = properties.timeout();
            LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                    .commandTimeout(timeout)
                    .clientOptions(ClientOptions.builder()
                            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                            .timeoutOptions(TimeoutOptions.enabled(timeout))
                            .build());
            if ("rediss".equalsIgnoreCase(properties.url().getScheme())) {
                client.useSsl();
            }
            LettuceConnectionFactory created = new LettuceConnectionFactory(server, client.build());
            created.afterPropertiesSet();
            created.start();
            factory = created;
            template = new ReactiveStringRedisTemplate(created);
        }
        return template;
    }

    /** False for {@code retry-after-failure} after a command failed: callers take their fallback at once. */
    boolean available() {
        long until = downUntil.get();
        return until == 0 || System.currentTimeMillis() >= until;
    }

    /**
     * Runs a command with the timeout, and keeps track of outages: the first failure is logged and opens the pause,
     * the first success after it is logged as the end of the outage.
     */
    <T> Mono<T> call(String what, Mono<T> command) {
        return command.timeout(properties.timeout())
                .doOnSuccess(ignored -> {
                    if (downUntil.getAndSet(0) != 0) {
                        log.info("Redis at {} answers again ({})", safeUrl(), what);
                    }
                })
                .doOnError(ex -> {
                    long previous = downUntil.getAndSet(System.currentTimeMillis() + properties.retryAfterFailure().toMillis());
                    if (previous == 0) {
                        log.warn("Redis at {} is unreachable ({}: {}); trying again every {} while it is", safeUrl(), what,
                                NestedExceptionUtils.getMostSpecificCause(ex).toString(), properties.retryAfterFailure());
                    }
                });
    }

    // the URL may carry a password
    private String safeUrl() {
        var url = properties.url();
        return url.getScheme() + "://" + url.getHost() + ":" + (url.getPort() < 0 ? 6379 : url.getPort());
    }

    @Override
    public synchronized void destroy() {
        if (factory != null) {
            factory.destroy();
        }
    }
}
