package dev.asgchef.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the Chef settings come from. Anything not given here is resolved as knife resolves it (config.rb or knife.rb
 * in .chef/ up from the working directory, ~/.chef/, the credentials file); these flags win over all of that.
 */
public final class ChefOptions {
    @Option(
            names = {"-c", "--chef-config"},
            paramLabel = "FILE",
            order = 200,
            description = "knife configuration file to read (default: CHEF_CONFIG, then config.rb/knife.rb as knife"
                    + " finds it).")
    Path chefConfig;

    @Option(
            names = "--chef-profile",
            paramLabel = "NAME",
            order = 201,
            description =
                    "Profile in ~/.chef/credentials (default: CHEF_PROFILE, then ~/.chef/context, then" + " default).")
    String chefProfile;

    @Option(
            names = {"-s", "--chef-server-url"},
            paramLabel = "URL",
            order = 202,
            description = "Chef Infra Server URL including /organizations/ORG (default: CHEF_SERVER_URL, then the"
                    + " knife configuration).")
    String chefServerUrl;

    @Option(
            names = {"-u", "--chef-user"},
            paramLabel = "NAME",
            order = 203,
            description = "User or client name requests are signed as (default: CHEF_USER, then node_name or"
                    + " client_name).")
    String chefUser;

    @Option(
            names = {"-k", "--chef-key"},
            paramLabel = "FILE",
            order = 204,
            description = "Private key (PEM) of that user or client (default: CHEF_KEY, then client_key).")
    Path chefKey;

    public Path chefConfig() {
        return chefConfig;
    }

    public String chefProfile() {
        return chefProfile;
    }

    public String chefServerUrl() {
        return chefServerUrl;
    }

    public String chefUser() {
        return chefUser;
    }

    public Path chefKey() {
        return chefKey;
    }
}
