package dev.gaus.device.cli;

import dev.gaus.core.GausJson;
import dev.gaus.device.UpdateCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "Checks for updates once and prints the server's JSON answer.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DeviceParameters params;

    @Override
    public Integer call() {
        UpdateCheck check = StateCheck.existing(common).checkForUpdates(params.values);
        spec.commandLine().getOut().println(GausJson.encodeToString(check.response()));
        return ExitCode.OK;
    }
}
