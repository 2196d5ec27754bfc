/**
 * The GAUS conformance kit. Only {@code dev.gaus.conformance} is API: {@code ConformanceKit.run}
 * with {@code KitOptions}, returning a {@code KitReport}. The command line ({@code cli}), the
 * Cucumber step definitions ({@code steps}) and {@code internal} are not exported.
 *
 * <p>Cucumber and picocli are automatic or reflective users, hence the {@code opens}:
 * <ul>
 *   <li>the feature files are resources of {@code dev.gaus.conformance}, and a class loader finds
 *       a named module's resources only in packages it opens to everyone;
 *   <li>Cucumber finds the glue by listing {@code steps} through the class loader, then
 *       instantiates it (picocontainer, with the {@code internal} World injected) and calls its
 *       annotated methods; it instantiates the result listener plugin of {@code internal} too;
 *   <li>Jackson writes {@code summary.json} from records of {@code internal};
 *   <li>picocli sets the fields of the command in {@code cli}.
 * </ul>
 * The kit's own tests run on the class path (as every module's do); the runner jar is a shaded
 * class-path jar without this descriptor.
 */
module dev.gaus.conformance {
    requires transitive dev.gaus.core;
    requires com.fasterxml.jackson.databind;
    requires io.cucumber.java;
    requires io.cucumber.plugin;
    requires io.cucumber.gherkin;
    requires io.cucumber.messages;
    requires io.cucumber.tagexpressions;
    requires org.junit.platform.launcher;
    requires info.picocli;
    requires java.net.http;
    // Found at run time only: the JUnit Platform engine that runs the features, and the object
    // factory that builds the glue. Required so that they are resolved with the kit.
    requires io.cucumber.junit.platform.engine;
    requires io.cucumber.picocontainer;

    exports dev.gaus.conformance;

    opens dev.gaus.conformance;
    opens dev.gaus.conformance.steps;
    // picocontainer (the library behind io.cucumber.picocontainer) builds the World; its jar has
    // no Automatic-Module-Name, so the name is derived from the file name and javac, which sees
    // it on the class path, warns that it is not found.
    opens dev.gaus.conformance.internal
            to io.cucumber.core, io.cucumber.picocontainer, picocontainer, com.fasterxml.jackson.databind;
    opens dev.gaus.conformance.cli to info.picocli;
}
