package dev.gaus.conformance.steps;

import dev.gaus.conformance.internal.World;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;

/** Keeps each scenario's last exchange with the server, so a failure shows what broke it. */
public class Hooks {
    private final World world;

    public Hooks(World world) {
        this.world = world;
    }

    @After
    public void keepLastExchange(Scenario scenario) {
        if (!world.hasExchange()) {
            return;
        }
        String description = world.last().describe(world.context().masker());
        world.context().recordLastExchange(scenario.getId(), description);
        if (scenario.isFailed()) {
            scenario.attach(description, "text/plain", "last exchange with the server");
        }
    }
}
