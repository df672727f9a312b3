package dev.asgchef.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Hands each command its collaborators: a command class with a constructor taking an {@link Environment} gets the
 * invocation's environment; everything else is built by picocli's default factory.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final Environment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Environment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            Class<?>[] params = c.getParameterTypes();
            if (params.length == 1 && params[0] == Environment.class) {
                c.setAccessible(true);
                return type.cast(c.newInstance(environment));
            }
        }
        return fallback.create(type);
    }
}
