package dev.asgchef.lambda;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.Arn;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a secret is kept: {@code ssm:/asgchef/chef-key} (a Parameter Store SecureString), {@code
 * secretsmanager:asgchef/chef-key}, or either service's ARN. Names are checked against the services' own character
 * sets before they reach an API call.
 */
record SecretRef(Store store, String name) {
    /** The two stores the function reads. */
    enum Store {
        SSM("ssm"),
        SECRETS_MANAGER("secretsmanager");

        private final String prefix;

        Store(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.\\-/]{1,2048}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/_+=.@\\-]{1,512}");

    /**
     * @param variable the environment variable that held {@code text}, for the one line a bad value gets
     * @throws AsgchefException naming the variable and the forms that work
     */
    static SecretRef parse(String variable, String text) {
        Optional<SecretRef> ref = text.startsWith("arn:") ? fromArn(text) : fromPrefix(text);
        return ref.orElseThrow(() -> new AsgchefException(variable + " must be ssm:PARAMETER-NAME,"
                + " secretsmanager:SECRET-NAME or the parameter's or secret's ARN, not '" + printable(text) + "'"));
    }

    private static Optional<SecretRef> fromPrefix(String text) {
        for (Store store : Store.values()) {
            if (text.startsWith(store.prefix + ":")) {
                return checked(store, text.substring(store.prefix.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<SecretRef> fromArn(String text) {
        Optional<Arn> arn = Arn.parse(text);
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        String resource = arn.get().resource();
        if (arn.get().service().equals("ssm") && resource.startsWith("parameter/")) {
            // Parameter Store takes the ARN itself as a name, for a parameter shared from another account.
            return checked(Store.SSM, resource.substring("parameter".length()))
                    .map(r -> new SecretRef(Store.SSM, text));
        }
        if (arn.get().service().equals("secretsmanager") && resource.startsWith("secret:")) {
            return checked(Store.SECRETS_MANAGER, resource.substring("secret:".length()))
                    .map(r -> new SecretRef(Store.SECRETS_MANAGER, text));
        }
        return Optional.empty();
    }

    private static Optional<SecretRef> checked(Store store, String name) {
        Pattern allowed = store == Store.SSM ? PARAMETER : SECRET;
        return allowed.matcher(name).matches() ? Optional.of(new SecretRef(store, name)) : Optional.empty();
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** {@code ssm:/asgchef/chef-key}: where it came from, for report lines (never the secret). */
    @Override
    public String toString() {
        return name.startsWith("arn:") ? name : store.prefix + ":" + name;
    }
}
