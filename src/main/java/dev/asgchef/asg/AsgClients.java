package dev.asgchef.asg;

import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The services a group is built with, and the region they talk to (for ARNs the APIs do not return). */
public record AsgClients(AutoScalingClient autoScaling, Ec2Client ec2, CloudWatchClient cloudWatch, String region) {}
