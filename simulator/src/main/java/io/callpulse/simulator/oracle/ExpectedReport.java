package io.callpulse.simulator.oracle;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Everything the oracle expects from one scenario.
 *
 * @param scenario how to regenerate it (seed, shape)
 * @param faults what was done to the deliveries
 */
public record ExpectedReport(JsonObject scenario, JsonObject faults, List<AppExpectation> apps) {}
