/**
 * What several rooms' tests share: the CLI harness and one way to fake each thing asgchef talks to. Pick by what the
 * test is about.
 *
 * <h2>AWS in a unit test: the in-process fakes of the SDK client interfaces</h2>
 *
 * <p>{@link dev.asgchef.testing.FakeAutoScaling}, {@link dev.asgchef.testing.FakeEc2},
 * {@link dev.asgchef.testing.FakeCloudWatch}, {@link dev.asgchef.testing.FakeEventBridge},
 * {@link dev.asgchef.testing.FakeSns}, {@link dev.asgchef.testing.FakeSqs} and {@link dev.asgchef.testing.FakeKms}
 * implement the SDK's own client interfaces, so a test hands them to the
 * constructors production uses. Each keeps the state its service keeps (groups, launch templates and their versions,
 * alarms, topics and subscriptions, queues and their messages, keys) and answers from it, so a second run sees what the
 * first made: arrange that state, run the code, then assert on the state or on the calls. Every fake extends
 * {@link dev.asgchef.testing.FakeClient}: each call is recorded under the client method's name
 * ({@code calls()}, {@code operations()}, {@code request("createTags", CreateTagsRequest.class)}), and
 * {@code failOn} / {@code failNext} make an operation throw the service's error. An operation a fake does not override
 * throws UnsupportedOperationException (the interface's default), so a test proves no other call was made. Give a fake
 * a new operation when code needs one; do not mock an SDK client.
 *
 * <h2>AWS end to end: ElasticMQ for SQS, FakeAwsCloud for the rest</h2>
 *
 * <p>When the point is the real SDK client on the wire (the command line, {@code --endpoint-url}, the protocol, retries
 * and error mapping), run the CLI through {@link dev.asgchef.testing.CliHarness} against:
 *
 * <ul>
 *   <li>{@link dev.asgchef.testing.ElasticMq}, a real SQS implementation, registered as a JUnit extension
 *       ({@code @RegisterExtension static final ElasticMq sqs = new ElasticMq();}) with a fresh
 *       {@link dev.asgchef.testing.TestQueue} per test from {@code sqs.newQueue(...)};
 *       {@link dev.asgchef.testing.FaultySqs} wraps its client where a test needs SQS to fail;
 *   <li>{@link dev.asgchef.testing.FakeAwsCloud}, the one wire-level fake: the in-process Auto Scaling, EC2 (one per
 *       region) and CloudWatch fakes behind the query protocols and Smithy RPC v2 CBOR, so end-to-end and unit tests
 *       see the same service; arrange through its accessors ({@code cloud.ec2("us-west-2").instance(...)}) and make
 *       an action fail with {@code failOn}.
 * </ul>
 *
 * <p>A CLI test may also hand in-process fakes to the command with {@code AwsClients.supply} for services the wire
 * fakes do not cover (SNS and EventBridge in wire-notifications, say). {@link dev.asgchef.testing.RecordingHttpServer} is not a service
 * fake: it records what a client puts on the wire and answers every request alike, for tests of the transport itself
 * (endpoint, signing, retries).
 *
 * <h2>Chef</h2>
 *
 * <p>{@link dev.asgchef.testing.FakeChefServer} is a Chef Infra Server over HTTP on loopback: it checks each request's
 * signature with {@link dev.asgchef.testing.ChefRequestVerifier}, answers as erchef does, and injects faults (5xx, hangs,
 * latency). {@link dev.asgchef.testing.FakeKnife} is a knife executable that records its arguments and exits as told,
 * for the knife backend. {@link dev.asgchef.testing.TestCertificates} are the TLS certificates test servers serve.
 *
 * <h2>The rest</h2>
 *
 * <ul>
 *   <li>{@link dev.asgchef.testing.CliHarness} runs the CLI in-process with a controlled environment (fixed clock,
 *       temporary home, dummy AWS credentials) and returns a {@link dev.asgchef.testing.CliRun}; check its exit code
 *       with {@code run.assertExit(0)}, which shows stdout and stderr when it fails.
 *   <li>{@link dev.asgchef.testing.RecordingReporter} stands in for the Reporter when a test of the core asserts on the
 *       steps, warnings and results it reports rather than on printed text; use a TextReporter or JsonReporter over a
 *       StringWriter when the exact lines are the point.
 *   <li>{@link dev.asgchef.testing.AwsMessages} makes message bodies from the real samples in
 *       {@code src/test/resources/aws-messages}.
 * </ul>
 */
package dev.asgchef.testing;
