package dev.gaus.device.cli;

import dev.gaus.core.GausJson;
import dev.gaus.device.UpdateCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "Checks for updates once and prints the server's JSON answer.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--param", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "a device parameter, e.g. firmware-version=1.0.0 (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
        UpdateCheck check = StateCheck.existing(common).checkForUpdates(params);
        spec.commandLine().getOut().println(GausJson.encodeToString(check.response()));
        return ExitCode.OK;
    }
}
