/**
 * The GAUS device API protocol shared by the SDK, the reference server and the conformance kit.
 */
module dev.gaus.core {
    requires com.fasterxml.jackson.core;

    exports dev.gaus.core;
    exports dev.gaus.core.message;
}
