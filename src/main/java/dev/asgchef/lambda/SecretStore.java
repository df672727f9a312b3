package dev.asgchef.lambda;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsFailure;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Reads a secret's text from Parameter Store (decrypted) or Secrets Manager. It never writes or logs the value. */
final class SecretStore {
    private final SsmClient ssm;
    private final SecretsManagerClient secretsManager;

    SecretStore(SsmClient ssm, SecretsManagerClient secretsManager) {
        this.ssm = ssm;
        this.secretsManager = secretsManager;
    }

    /** @throws AsgchefException one line naming the secret, what AWS said and the permission to check */
    String read(SecretRef ref) {
        try {
            String value =
                    switch (ref.store()) {
                        case SSM ->
                            ssm.getParameter(r -> r.name(ref.name()).withDecryption(true))
                                    .parameter()
                                    .value();
                        case SECRETS_MANAGER ->
                            secretsManager
                                    .getSecretValue(r -> r.secretId(ref.name()))
                                    .secretString();
                    };
            if (value == null || value.isBlank()) {
                throw new AsgchefException(ref + " is empty: store the PEM text in it");
            }
            return value;
        } catch (SdkException e) {
            String permission = ref.store() == SecretRef.Store.SSM
                    ? "ssm:GetParameter (and kms:Decrypt on its key)"
                    : "secretsmanager:GetSecretValue (and kms:Decrypt on its key)";
            throw new AsgchefException("Cannot read " + ref + " (" + AwsFailure.reason(e) + "): check that it exists"
                    + " in this region and that the function's role allows " + permission);
        }
    }
}
