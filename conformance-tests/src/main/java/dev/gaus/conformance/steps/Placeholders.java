package dev.gaus.conformance.steps;

import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.World;

/** Fills the ${...} placeholders that scenario bodies use for keys the kit learns at run time. */
final class Placeholders {
    private final World world;

    Placeholders(World world) {
        this.world = world;
    }

    String fill(String body) {
        String filled = body
                .replace("${PRODUCT_ACCESS_KEY}", world.context().productKeys().accessKey())
                .replace("${PRODUCT_SECRET_KEY}", world.context().productKeys().secretKey())
                .replace("${DEVICE_ID_129}", "d".repeat(129));
        if (filled.contains("${DEVICE_")) {
            Device device = world.onlyDevice();
            filled = filled.replace("${DEVICE_ACCESS_KEY}", device.accessKey())
                    .replace("${DEVICE_SECRET_KEY}", device.secretKey());
        }
        return filled;
    }
}
