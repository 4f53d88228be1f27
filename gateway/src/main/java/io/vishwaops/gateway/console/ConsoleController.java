package io.vishwaops.gateway.console;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.gateway.routing.Role;
import io.vishwaops.gateway.security.Caller;

/**
 * The console's files are static resources of the {@code console} jar (under {@code /console/}); this gives them
 * a short address and tells the page whose key it holds, so it shows approve buttons only to those who may press
 * them (the route table refuses the others anyway).
 */
@RestController
@Tag(name = "platform", description = "The platform as a whole")
class ConsoleController {

    /**
     * @param user the key's name or the token's subject
     * @param roles what the caller may do; {@code admin} for everyone when security is switched off
     * @param securityEnabled false only when security was switched off explicitly
     */
    record Me(String user, List<Role> roles, boolean securityEnabled) {
    }

    @GetMapping({"/console", "/console/"})
    ResponseEntity<Void> console() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/index.html")).build();
    }

    @GetMapping(path = "/api/v1/platform/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Who is calling: the caller's name and roles, as the gateway authenticated them")
    Me me(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        if (caller == null) {
            return new Me("anonymous", List.of(Role.ADMIN), false);
        }
        return new Me(caller.user(), caller.roles().stream().sorted().toList(), true);
    }
}
