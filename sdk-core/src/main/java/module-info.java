/**
 * The GAUS device API protocol shared by the SDK, the reference server and the conformance kit.
 *
 * <p>{@code dev.gaus.core.internal} is exported to the device SDK and the conformance kit alone
 * (the bootstrap file, TLS refusals), and the benchmarks use it from the class path; it is no API.
 */
module dev.gaus.core {
    requires com.fasterxml.jackson.core;

    exports dev.gaus.core;
    exports dev.gaus.core.message;
    exports dev.gaus.core.internal to dev.gaus.device, dev.gaus.conformance;
}
