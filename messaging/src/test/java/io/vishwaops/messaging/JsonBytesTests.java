package io.vishwaops.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids and numbers written straight into the buffer read as their usual text. */
class JsonBytesTests {

    @Test
    void writesIdsAndNumbersAsTheirStringsWouldRead() {
        JsonBytes out = new JsonBytes(16);
        StringBuilder expected = new StringBuilder();
        UUID[] ids = {new UUID(0, 0), new UUID(-1, -1), new UUID(0x0000000100020003L, 0x0004000000000005L),
                UUID.randomUUID(), UUID.randomUUID()};
        for (UUID id : ids) {
            out.uuid(id).ascii(",");
            expected.append(id).append(',');
        }
        for (long n : new long[] {0, 7, 10, 99, 100, 123456789, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            out.number(n).ascii(",");
            expected.append(n).append(',');
        }
        out.ascii("{\"key\":true}");
        expected.append("{\"key\":true}");

        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }
}
