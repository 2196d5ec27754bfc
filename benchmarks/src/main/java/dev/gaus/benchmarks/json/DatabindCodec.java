package dev.gaus.benchmarks.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.gaus.core.message.DataItem;

/**
 * What a user of Jackson would write: a default {@link ObjectMapper} reading and writing the same
 * records. The one addition is the wire names of {@link DataItem}'s maps ({@code v_strings} ...),
 * given as a mix-in because the records belong to sdk-core.
 */
public final class DatabindCodec {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(DataItem.class, SnakeCaseNames.class);

    private DatabindCodec() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    abstract static class SnakeCaseNames {}
}
