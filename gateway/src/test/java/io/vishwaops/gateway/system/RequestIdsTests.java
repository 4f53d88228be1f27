package io.vishwaops.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTests {

    @ParameterizedTest
    @ValueSource(strings = { "a", "0f8e2c1a-77b1-4f7e-9d0c-3b1d2a9e6f10", "job_7.retry-2", "Z" })
    void keepsSaneIds(String offered) {
        assertThat(RequestIds.acceptOrGenerate(offered)).isEqualTo(offered);
    }

    @Test
    void keepsIdsOfExactly128Characters() {
        String longest = "x".repeat(128);
        assertThat(RequestIds.acceptOrGenerate(longest)).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "a b", "id\r\nX-Injected: 1", "../etc", "id;drop", "é" })
    void replacesAnythingElseWithAUuid(String offered) {
        String id = RequestIds.acceptOrGenerate(offered);
        assertThat(id).isNotEqualTo(offered);
        assertThat(UUID.fromString(id)).hasToString(id);
    }

    @Test
    void replacesTooLongIds() {
        assertThat(RequestIds.acceptOrGenerate("x".repeat(129))).hasSize(36);
    }
}
