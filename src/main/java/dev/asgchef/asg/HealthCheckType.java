package dev.asgchef.asg;

/** How the group decides an instance is unhealthy; EC2 status checks are always used, the others add to them. */
public enum HealthCheckType {
    EC2,
    ELB,
    VPC_LATTICE,
    EBS
}
