package dev.asgchef.cli;

import java.util.Optional;

/**
 * No name, user, path or other argument may hold a control character (NUL, a newline, an escape), or half of a UTF-16
 * surrogate pair (what a mis-decoded byte becomes): such a value cannot be told apart on screen from another name, can
 * forge a line of output, and is cut short by the system calls a path goes through. Checked once, before any command
 * sees its arguments, so it holds for every command and option alike.
 */
final class PrintableArguments {
    private PrintableArguments() {}

    /** Why the arguments cannot be used, as one line that does not repeat the argument itself; empty when fine. */
    static Optional<String> problem(String[] args) {
        for (int i = 0; i < args.length; i++) {
            Optional<String> bad = problem(args[i]);
            if (bad.isPresent()) {
                return Optional.of("argument " + (i + 1) + " " + option(args[i]) + "contains " + bad.get()
                        + ": names, users and paths must be printable text");
            }
        }
        return Optional.empty();
    }

    private static String option(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 2 ? "(" + arg.substring(0, equals) + ") " : "";
    }

    private static Optional<String> problem(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < arg.length() && Character.isLowSurrogate(arg.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("an unpaired surrogate (U+" + hex(c) + ")");
            } else if (Character.isISOControl(c)) {
                return Optional.of("a control character (U+" + hex(c) + ")");
            }
        }
        return Optional.empty();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
