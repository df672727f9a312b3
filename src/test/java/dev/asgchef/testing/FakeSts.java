package dev.asgchef.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * An in-process STS that knows whose credentials these are. A test can hold GetCallerIdentity at a gate, to keep a
 * run busy at a known point (while a second run tries the lock, say).
 */
public final class FakeSts extends FakeClient<FakeSts> implements StsClient {
    private final String account;
    private final CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public FakeSts(String account) {
        this.account = account;
    }

    /** Holds every GetCallerIdentity until {@link #open()}. */
    public FakeSts holdCalls() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    /** Waits up to 30 s for the first GetCallerIdentity to arrive; true when it did. */
    public boolean awaitCall() throws InterruptedException {
        return entered.await(30, TimeUnit.SECONDS);
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        enter("getCallerIdentity", request);
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return GetCallerIdentityResponse.builder()
                .account(account)
                .arn("arn:aws:iam::" + account + ":user/operator")
                .userId("AIDAEXAMPLE")
                .build();
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity() {
        return getCallerIdentity(GetCallerIdentityRequest.builder().build());
    }

    @Override
    public String serviceName() {
        return "sts";
    }
}
