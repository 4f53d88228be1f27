package io.vishwaops.gateway.routing;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files load without a key; what it then calls is the route table's to allow, as for any client. */
class ConsoleAccessTests {

    @Test
    void theConsolesFilesNeedNoKeyButNothingBesideThemOpensUp() {
        assertThat(RouteAccess.isPublic("/console")).isTrue();
        assertThat(RouteAccess.isPublic("/console/index.html")).isTrue();
        assertThat(RouteAccess.isPublic("/console/vendor/chart.js/chart.umd.min.js")).isTrue();
        assertThat(RouteAccess.isPublic("/consoles")).isFalse();
        assertThat(RouteAccess.isPublic("/api/v1/platform/me")).isFalse();
    }

    @Test
    void everyRoleMayAskWhoItIsAndOnlyApproversDecide() {
        for (Role role : EnumSet.allOf(Role.class)) {
            assertThat(RouteAccess.allows(Set.of(role), HttpMethod.GET, "/api/v1/platform/me")).as(role.id()).isTrue();
        }
        assertThat(RouteAccess.allows(Set.of(Role.VIEWER), HttpMethod.POST, "/api/v1/registry/approvals/42/approve")).isFalse();
        assertThat(RouteAccess.allows(Set.of(Role.APPROVER), HttpMethod.POST, "/api/v1/registry/approvals/42/approve")).isTrue();
    }
}
