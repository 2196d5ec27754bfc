package dev.gaus.conformance.steps;

import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.When;

/** Steps of protocol.md §4: reports. */
public class ReportSteps {
    private final World world;

    public ReportSteps(World world) {
        this.world = world;
    }

    @When("{string} sends the report:")
    public void sendsReport(String alias, String body) {
        sendsReportWithQuery(alias, "", body);
    }

    @When("{string} sends with the query {string} the report:")
    public void sendsReportWithQuery(String alias, String query, String body) {
        Device device = world.device(alias);
        world.report(device, query, body, World.bearer(device.token()));
    }

    @When("{string} posts to its report the body {string}")
    public void postsToReport(String alias, String body) {
        Device device = world.device(alias);
        world.report(device, "", new Placeholders(world).fill(body), World.bearer(device.token()));
    }
}
