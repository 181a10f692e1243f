package dev.codeanatomy.cli;

import picocli.CommandLine.Command;

/** {@code codeanatomy upgrade}: change the rules of a running job. */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = "Change the rules of a running job: blue/green switch.",
        subcommands = {UpgradeSwitch.class})
final class UpgradeCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
