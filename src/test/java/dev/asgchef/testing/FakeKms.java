package dev.asgchef.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyRequest;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** An in-process KMS: keys, found by the name a test gives them and by their ARN, each with its key policy. */
public final class FakeKms extends FakeClient<FakeKms> implements KmsClient {
    private record Key(KeyMetadata metadata, String policy) {}

    private final Map<String, Key> keys = new ConcurrentHashMap<>();

    /** A key that DescribeKey finds as {@code keyId} (an id, alias or ARN) and as its ARN, with this key policy. */
    public FakeKms key(String keyId, KeyMetadata metadata, String policy) {
        Key key = new Key(metadata, policy);
        keys.put(keyId, key);
        if (metadata.arn() != null) {
            keys.put(metadata.arn(), key);
        }
        return this;
    }

    private Key find(String keyId) {
        Key key = keys.get(keyId);
        if (key == null) {
            throw NotFoundException.builder()
                    .message("Key '" + keyId + "' does not exist")
                    .build();
        }
        return key;
    }

    @Override
    public DescribeKeyResponse describeKey(DescribeKeyRequest r) {
        enter("describeKey", r);
        return DescribeKeyResponse.builder()
                .keyMetadata(find(r.keyId()).metadata())
                .build();
    }

    @Override
    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest r) {
        enter("getKeyPolicy", r);
        return GetKeyPolicyResponse.builder().policy(find(r.keyId()).policy()).build();
    }

    @Override
    public String serviceName() {
        return "kms";
    }
}
