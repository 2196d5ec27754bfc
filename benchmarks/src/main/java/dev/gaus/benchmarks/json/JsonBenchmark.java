package dev.gaus.benchmarks.json;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportRequest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each wire operation three ways on the same bytes: {@code X} through the project's codec
 * ({@link GausJson}), {@code X_baseline} through hand-written jackson-core streaming for exactly
 * that message ({@link StreamingBaseline}, the floor), and {@code X_databind} through a default
 * Jackson {@code ObjectMapper} ({@link DatabindCodec}), as a user would write it. The target is
 * {@code X >= 0.9 x X_baseline}; databind shows what the codec saves over the obvious choice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JsonBenchmark {
    byte[] registerRequestBytes;
    RegisterResponse registerResponse;
    byte[] authenticateResponseBytes;
    byte[] checkForUpdatesBytes;
    byte[] reportBytes;

    @Setup
    public void setUp() {
        registerRequestBytes = WireSamples.registerRequestBytes();
        registerResponse = WireSamples.registerResponse();
        authenticateResponseBytes = WireSamples.authenticateResponseBytes();
        checkForUpdatesBytes = WireSamples.checkForUpdatesResponseBytes();
        reportBytes = WireSamples.reportBytes();
    }

    // --- decode a register request (what the server reads on POST /register)

    @Benchmark
    public RegisterRequest decodeRegisterRequest() {
        return GausJson.decode(registerRequestBytes, RegisterRequest.class);
    }

    @Benchmark
    public RegisterRequest decodeRegisterRequest_baseline() throws IOException {
        return StreamingBaseline.registerRequest(registerRequestBytes);
    }

    @Benchmark
    public RegisterRequest decodeRegisterRequest_databind() throws IOException {
        return DatabindCodec.MAPPER.readValue(registerRequestBytes, RegisterRequest.class);
    }

    // --- encode a register response (what the server writes on POST /register)

    @Benchmark
    public byte[] encodeRegisterResponse() {
        return GausJson.encode(registerResponse);
    }

    @Benchmark
    public byte[] encodeRegisterResponse_baseline() throws IOException {
        return StreamingBaseline.registerResponse(registerResponse);
    }

    @Benchmark
    public byte[] encodeRegisterResponse_databind() throws IOException {
        return DatabindCodec.MAPPER.writeValueAsBytes(registerResponse);
    }

    // --- decode an authenticate response (what the device reads)

    @Benchmark
    public AuthenticateResponse decodeAuthenticateResponse() {
        return GausJson.decode(authenticateResponseBytes, AuthenticateResponse.class);
    }

    @Benchmark
    public AuthenticateResponse decodeAuthenticateResponse_baseline() throws IOException {
        return StreamingBaseline.authenticateResponse(authenticateResponseBytes);
    }

    @Benchmark
    public AuthenticateResponse decodeAuthenticateResponse_databind() throws IOException {
        return DatabindCodec.MAPPER.readValue(authenticateResponseBytes, AuthenticateResponse.class);
    }

    // --- decode a check-for-updates answer with three updates (what the device reads every poll)

    @Benchmark
    public CheckForUpdatesResponse decodeCheckForUpdates() {
        return GausJson.decode(checkForUpdatesBytes, CheckForUpdatesResponse.class);
    }

    @Benchmark
    public CheckForUpdatesResponse decodeCheckForUpdates_baseline() throws IOException {
        return StreamingBaseline.checkForUpdatesResponse(checkForUpdatesBytes);
    }

    @Benchmark
    public CheckForUpdatesResponse decodeCheckForUpdates_databind() throws IOException {
        return DatabindCodec.MAPPER.readValue(checkForUpdatesBytes, CheckForUpdatesResponse.class);
    }

    // --- decode a report of 50 items (what the server reads on POST .../report)

    @Benchmark
    public ReportRequest decodeReport() {
        return GausJson.decode(reportBytes, ReportRequest.class);
    }

    @Benchmark
    public ReportRequest decodeReport_baseline() throws IOException {
        return StreamingBaseline.report(reportBytes);
    }

    @Benchmark
    public ReportRequest decodeReport_databind() throws IOException {
        return DatabindCodec.MAPPER.readValue(reportBytes, ReportRequest.class);
    }
}
