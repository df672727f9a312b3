package dev.asgchef.cli;

import dev.asgchef.testing.CliHarness;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Renders the bash and zsh completion scripts and the man pages (AsciiDoc, picocli's man page format) from the command
 * model. The build writes them to target/generated-docs; {@code mvn -Pregenerate process-test-classes} writes them over
 * the committed copies; {@link GeneratedFilesTest} fails when the committed copies are stale.
 */
public final class GeneratedDocs {
    private GeneratedDocs() {}

    /** Relative path to content, for every generated file. */
    public static Map<String, String> render() {
        CommandLine cmd = model();
        Map<String, String> files = new TreeMap<>();
        String bash = AutoComplete.bash("asgchef", cmd);
        files.put("completions/asgchef.bash", bash);
        files.put(
                "completions/_asgchef",
                "#compdef asgchef\n"
                        + "# zsh completion for asgchef: picocli's script runs under zsh's bash completion emulation.\n"
                        + "# On fpath, compinit autoloads this file as the function _asgchef at the first completion;\n"
                        + "# sourced from .zshrc, it starts the completion system only if nothing has yet.\n"
                        + "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\n"
                        + "(( $+functions[complete] )) || { autoload -U +X bashcompinit && bashcompinit; }\n"
                        + bash.replaceFirst("^#!.*\n", "")
                                // An alias made while the autoloaded file runs never reaches the functions it defines
                                // (zsh parsed them first), so compopt would be "command not found" at the first TAB;
                                // bash's per-completion options have no meaning under zsh's emulation.
                                .replace("  alias compopt=complete\n", "  compopt() { return 0; }\n")
                        + "# Autoloaded for a completion: answer it too, not only the next one.\n"
                        + "[[ ${funcstack[1]-} == _asgchef ]] && _bash_complete -F _complete_asgchef\n"
                        + "return 0\n");
        addManPage(files, cmd);
        return files;
    }

    private static void addManPage(Map<String, String> files, CommandLine cmd) {
        StringWriter page = new StringWriter();
        try (PrintWriter pw = new PrintWriter(page)) {
            ManPageGenerator.writeSingleManPage(pw, cmd.getCommandSpec());
        }
        String name = cmd.getCommandSpec().qualifiedName("-");
        files.put("docs/man/" + name + ".adoc", page.toString());
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()
                    && !sub.getCommandName().equals("help")) {
                addManPage(files, sub);
            }
        }
    }

    /** The command model as an operator with no configuration sees it, so the output is the same on every machine. */
    static CommandLine model() {
        Environment environment = new CliHarness(Path.of("/nonexistent")).environment();
        return Cli.commandLine(environment, new Properties());
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }
}
