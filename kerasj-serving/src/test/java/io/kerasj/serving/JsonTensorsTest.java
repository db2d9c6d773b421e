package io.kerasj.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tensor's shape is read from its first elements: a claim bigger than its request can hold is refused unallocated. */
class JsonTensorsTest {

    @Test
    void aClaimBeyondTheRequestsSizeIsRefusedBeforeAllocating() throws Exception {
        String cube = "[[[[" + "0,".repeat(1199) + "0]" + ",[]".repeat(1199) + "]" + ",[]".repeat(1199) + "]]";
        JsonNode node = ServingClient.JSON.readTree(cube);
        List<long[]> seen = new ArrayList<>();
        assertThatThrownBy(() -> JsonTensors.read(node, "inputs", cube.length() / 2 + 1, seen::add))
                .isInstanceOf(ServingException.class)
                .hasMessageContaining("inputs: the lists are not rectangular: their first elements claim shape [1,1200,1200,1200]");
        assertThat(seen).singleElement().isEqualTo(new long[] {1, 1200, 1200, 1200});
    }

    @Test
    void aClaimWhoseSizeOverflowsALongIsRefusedToo() throws Exception {
        // 4 levels of 65536: 2^64 values
        String level = "0";
        for (int d = 0; d < 4; d++) {
            level = "[" + level + ",[]".repeat(65_535) + "]";
        }
        JsonNode node = ServingClient.JSON.readTree(level);
        assertThatThrownBy(() -> JsonTensors.read(node, "x", 1_000_000, shape -> { }))
                .isInstanceOf(ServingException.class).hasMessageContaining("claim shape [65536,65536,65536,65536]");
    }

    @Test
    void aCheckOfTheCallerRefusesFirstAndARectangularTensorIsRead() throws Exception {
        JsonNode node = ServingClient.JSON.readTree("[[1,2],[3,4]]");
        assertThatThrownBy(() -> JsonTensors.read(node, "x", 100, shape -> {
            throw ServingException.badRequest("no");
        })).hasMessage("no");
        assertThat(JsonTensors.read(node, "x", 4, shape -> { })).isEqualTo(new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, 4}));
    }
}
