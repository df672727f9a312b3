/**
 * drain-queue as an AWS Lambda function: {@link dev.asgchef.lambda.SqsHandler} for an SQS event source mapping with
 * partial batch responses, {@link dev.asgchef.lambda.EventBridgeHandler} for EventBridge invoking the function
 * directly. Both hand every message to {@link dev.asgchef.drain.MessageDecider}, drain-queue's own decisions; this
 * room only maps Lambda's events and settings onto them (docs/lambda.md).
 */
package dev.asgchef.lambda;
