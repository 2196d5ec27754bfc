package dev.gaus.benchmarks.json;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportHeader;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.Update;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed, realistic wire messages of each kind the benchmarks decode or encode, and their bytes as
 * the project writes them. Fixed values (no randomness) so every run measures the same bytes.
 */
public final class WireSamples {
    /** Items in the sample report. */
    public static final int REPORT_ITEMS = 50;

    private WireSamples() {}

    public static RegisterRequest registerRequest() {
        // The public example product secret is 60 characters and not hex.
        return new RegisterRequest("test-device-1", new AuthParameters(
                "a1b2c3d4e5f60718293a4b5c6d7e8f90",
                "Zm9vYmFyYmF6cXV4LXNlY3JldC1rZXktb2YtdGhlLWV4YW1wbGUtcHJvZHVj"));
    }

    public static RegisterResponse registerResponse() {
        return new RegisterResponse(3600, new AuthParameters(
                "3f1c9a0b7e24d5c86a01f2e3d4c5b6a79887766554433221100ffeeddccbbaa9",
                "c0ffee00deadbeef0123456789abcdef0123456789abcdef0123456789abcdef"));
    }

    public static AuthenticateResponse authenticateResponse() {
        String token = "eyJhbGciOiJIUzI1NiJ9"
                + ".eyJzdWIiOiI2ZjFlM2E0Yy1iMmQ1LTRlNmYtOGE3Yi05YzBkMWUyZjNhNGI6ZDJjM2I0YTUtZTZmNy00ODE5LWEw"
                + "YjEtYzJkM2U0ZjVhNmI3IiwiYXVkIjoiIiwianRpIjoiOTRhMWQ1YzAtN2UyOC00YzdmLTk2YjMtMjJlNGI4ZTYxMDNk"
                + "IiwicGd1IjoiNmYxZTNhNGMtYjJkNS00ZTZmLThhN2ItOWMwZDFlMmYzYTRiIiwiZGd1IjoiZDJjM2I0YTUtZTZmNy00"
                + "ODE5LWEwYjEtYzJkM2U0ZjVhNmI3IiwiZGlkIjoidGVzdC1kZXZpY2UtMSIsImlhdCI6MTc2NDEwMDAwMCwiZXhwIjox"
                + "NzY0MTAzNjAwfQ"
                + ".Xq3lP9mJ0c4e2Vb8yR1tKsH7uNwD6aZfG5oCiE3xMvQ";
        return new AuthenticateResponse("d2c3b4a5-e6f7-4819-a0b1-c2d3e4f5a6b7",
                "6f1e3a4c-b2d5-4e6f-8a7b-9c0d1e2f3a4b", token);
    }

    /** Three updates (one per type), each with metadata, and a new poll interval. */
    public static CheckForUpdatesResponse checkForUpdatesResponse() {
        List<Update> updates = new ArrayList<>();
        String[][] types = {{"firmware", "1.0.2", "file"}, {"app", "4.12.0", "file"}, {"config", "2026.11.3", "json"}};
        for (int i = 0; i < types.length; i++) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("toSha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0" + i);
            metadata.put("releaseNotes", "Fixes the watchdog reset after a brown-out; faster boot.");
            metadata.put("minBattery", "40");
            updates.add(new Update("upd-" + types[i][0] + "-000" + i, types[i][0], types[i][1], types[i][2],
                    "https://updates.example.com/packages/" + types[i][0] + "/" + types[i][1] + "/package.bin",
                    5_851_822L + i * 1_000_003L, "0cc175b9c0f1b6a831c399e26977266" + i, metadata));
        }
        return new CheckForUpdatesResponse(updates, 3600L);
    }

    /** A report of {@link #REPORT_ITEMS} items: update status events, gauges, counters, tagged events. */
    public static ReportRequest report() {
        List<DataItem> items = new ArrayList<>();
        for (int i = 0; i < REPORT_ITEMS; i++) {
            String ts = String.format("2026-11-25T21:%02d:%02d.%03dZ", i / 60, i % 60, i * 7 % 1000);
            switch (i % 4) {
                case 0:
                    items.add(DataItem.updateStatus(ts, "upd-firmware-0000", "download", "success"));
                    break;
                case 1:
                    items.add(DataItem.gauge(ts, "cpu.temperature", 41.5 + i / 10.0));
                    break;
                case 2:
                    items.add(DataItem.counter(ts, "net.rx.bytes", 1_000_000L + 4096L * i));
                    break;
                default:
                    items.add(new DataItem("event.app.Log", ts,
                            Map.of("level", "warn", "logLine", "connection " + i + " reset by peer, retrying"),
                            Map.of("attempt", (long) i), Map.of("backoff", 1.5 * i),
                            "{\"peer\":\"10.0.0." + i + "\",\"port\":443}",
                            Map.of("component", "uplink")));
            }
        }
        return new ReportRequest("1.0.0", new ReportHeader(123L, "2026-11-25T21:00:00.000Z",
                Map.of("site", "plant-7", "line", "3")), items);
    }

    public static byte[] registerRequestBytes() {
        return GausJson.encode(registerRequest());
    }

    public static byte[] authenticateResponseBytes() {
        return GausJson.encode(authenticateResponse());
    }

    public static byte[] checkForUpdatesResponseBytes() {
        return GausJson.encode(checkForUpdatesResponse());
    }

    public static byte[] reportBytes() {
        return GausJson.encode(report());
    }
}
