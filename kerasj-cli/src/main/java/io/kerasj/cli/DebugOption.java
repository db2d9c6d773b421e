package io.kerasj.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The global {@code --debug} option, inherited by every subcommand. */
public final class DebugOption {

    /** The option's name. */
    public static final String NAME = "--debug";

    @Option(names = NAME, scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean debug;
}
