package dev.gaus.device.cli;

import dev.gaus.device.Session;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "authenticate", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "Authenticates with the device's keys and prints deviceGUID and productGUID (never the token).")
final class AuthenticateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Session session = StateCheck.existing(common).authenticate();
        PrintWriter out = spec.commandLine().getOut();
        out.println("deviceGUID=" + session.deviceGUID());
        out.println("productGUID=" + session.productGUID());
        if (session.expiresAt() != null) {
            out.println("expiresAt=" + session.expiresAt());
        }
        return ExitCode.OK;
    }
}
