package dev.asgchef.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asgchef.AsgchefException;
import org.junit.jupiter.api.Test;

class SecretRefTest {
    @Test
    void aParameterIsNamedWithTheSsmPrefix() {
        assertEquals(
                new SecretRef(SecretRef.Store.SSM, "/asgchef/drain/chef-key"),
                SecretRef.parse("V", "ssm:/asgchef/drain/chef-key"));
    }

    @Test
    void aSecretIsNamedWithTheSecretsManagerPrefix() {
        assertEquals(
                new SecretRef(SecretRef.Store.SECRETS_MANAGER, "asgchef/drain/chef-key"),
                SecretRef.parse("V", "secretsmanager:asgchef/drain/chef-key"));
    }

    @Test
    void eitherServicesArnIsKeptWholeForItsStore() {
        String parameter = "arn:aws:ssm:us-east-1:123456789012:parameter/asgchef/drain/chef-key";
        String secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:asgchef/drain/chef-key-AbCdEf";
        assertEquals(new SecretRef(SecretRef.Store.SSM, parameter), SecretRef.parse("V", parameter));
        assertEquals(new SecretRef(SecretRef.Store.SECRETS_MANAGER, secret), SecretRef.parse("V", secret));
    }

    @Test
    void aNameWithCharactersTheStoreRefusesNeverReachesIt() {
        AsgchefException e =
                assertThrows(AsgchefException.class, () -> SecretRef.parse("ASGCHEF_CHEF_KEY", "ssm:/asgchef/key?x=1"));
        assertEquals(
                "ASGCHEF_CHEF_KEY must be ssm:PARAMETER-NAME, secretsmanager:SECRET-NAME or the parameter's or"
                        + " secret's ARN, not 'ssm:/asgchef/key?x=1'",
                e.getMessage());
    }

    @Test
    void itsTextNamesWhereTheSecretIsNeverItsValue() {
        assertEquals(
                "ssm:/asgchef/drain/chef-key",
                SecretRef.parse("V", "ssm:/asgchef/drain/chef-key").toString());
    }
}
