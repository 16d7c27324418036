package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;

/** A yes/no figure is written as the 1 or 0 of its metric, left out when undefined, and read back as it was. */
class OneOrZeroTest {

    @Test
    void yesIsOneNoIsZeroUndefinedIsAbsent() throws Exception {
        JsonNode yes = Json.MAPPER.valueToTree(new LoadProbeFigures(1, 1.0, Optional.of(true), 2));
        JsonNode no = Json.MAPPER.valueToTree(new LoadProbeFigures(2, 0.5, Optional.of(false), 0));
        JsonNode undefined = Json.MAPPER.valueToTree(new LoadProbeFigures(null, null, Optional.empty(), null));

        assertThat(yes.get("loadSensitive").isInt()).isTrue();
        assertThat(yes.get("loadSensitive").asInt()).isEqualTo(1);
        assertThat(no.get("loadSensitive").asInt()).isZero();
        assertThat(undefined.has("loadSensitive")).isFalse();
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        for (Optional<Boolean> flag : List.of(Optional.of(true), Optional.of(false), Optional.<Boolean> empty())) {
            GoldenFigures written = new GoldenFigures(GoldenStatus.COMPARED, "run-1", 0.25, flag, flag, 3);

            GoldenFigures read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(written), GoldenFigures.class);

            assertThat(read).isEqualTo(written);
        }
    }
}
