# Bakes an AMI for one Chef role. The chef-client provisioner converges a fresh instance against the Chef Infra Server
# as a throwaway node, the build's Chef identity is removed before the snapshot, and then `asgchef packer-postprocess`
# confirms every region's AMI is available, deletes the build node and client from Chef, and hands the AMI id to
# `asgchef create-asg`.
#
#   packer init .
#   packer build -var-file=example.pkrvars.hcl .
#
# Needs on the machine running Packer: asgchef on PATH, AWS credentials, and Chef credentials that may delete nodes
# and clients (a knife config.rb, ~/.chef/credentials or CHEF_* variables; see docs/packer.md).

packer {
  required_version = ">= 1.9.0"
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1"
    }
    # Archived by HashiCorp and no longer bundled with Packer since 1.9.0: `packer init` installs it from here.
    chef = {
      source  = "github.com/hashicorp/chef"
      version = "~> 1"
    }
  }
}

variable "role" {
  type        = string
  description = "Chef role baked into the image (run list role[ROLE]); create-asg names the group ROLE-ENVIRONMENT."
}

variable "environment" {
  type        = string
  description = "Chef environment of the build and of the instances."
}

variable "region" {
  type        = string
  default     = "us-east-1"
  description = "Region the image is built in, and where create-asg runs."
}

variable "copy_to_regions" {
  type        = list(string)
  default     = []
  description = "Other regions to copy the AMI to; the manifest then lists one region:ami-id pair per region."
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "chef_server_url" {
  type        = string
  description = "Chef Infra Server URL with the organization: https://chef.example.com/organizations/ORG."
}

variable "chef_version" {
  type    = string
  default = "18"
}

variable "validation_key_parameter" {
  type        = string
  default     = "/asgchef/chef-validation-key"
  description = "SSM SecureString holding the organization's validator key (the same one create-asg's instances read)."
}

variable "build_instance_profile" {
  type        = string
  description = "Instance profile of the build instance: it may read validation_key_parameter (build-instance-policy.json)."
}

variable "node_instance_profile" {
  type        = string
  description = "Instance profile of the group's instances, passed to create-asg: they read the same key at boot."
}

variable "subnets" {
  type        = list(string)
  default     = []
  description = "Subnets of the Auto Scaling group (default: every zone of the default VPC)."
}

locals {
  # Chef Infra Server names each organization's validator ORG-validator.
  chef_org     = regex("/organizations/([A-Za-z0-9_-]+)", var.chef_server_url)[0]
  timestamp    = formatdate("YYYYMMDD-hhmmss", timestamp())
  subnet_flags = join(" ", [for subnet in var.subnets : "--subnet ${subnet}"])
  image_tags = {
    Name        = "${var.role}-${var.environment}"
    Role        = var.role
    Environment = var.environment
    BuiltBy     = "packer"
  }
}

source "amazon-ebs" "app" {
  region               = var.region
  ami_regions          = var.copy_to_regions
  ami_name             = "${var.role}-${var.environment}-${local.timestamp}"
  ami_description      = "Chef role ${var.role} (${var.environment}), baked by Packer"
  instance_type        = var.instance_type
  iam_instance_profile = var.build_instance_profile
  ssh_username         = "ec2-user"

  source_ami_filter {
    filters = {
      name                = "al2023-ami-2023.*-x86_64"
      architecture        = "x86_64"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    owners      = ["amazon"]
    most_recent = true
  }

  # IMDSv2 only, as the group's launch template has it.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  tags          = local.image_tags
  snapshot_tags = local.image_tags
}

build {
  sources = ["source.amazon-ebs.app"]

  # 1. The validation key, read from SSM Parameter Store with the build instance's own instance profile: it is never
  #    in this template, on the Packer host or in Packer's log, and step 3 removes it before the snapshot.
  provisioner "shell" {
    environment_vars = [
      "VALIDATION_KEY_PARAMETER=${var.validation_key_parameter}",
      "AWS_REGION=${var.region}",
    ]
    execute_command = "chmod +x {{ .Path }}; sudo {{ .Vars }} {{ .Path }}"
    script          = "${path.root}/scripts/fetch-validation-key.sh"
  }

  # 2. Converge the instance as a throwaway Chef node.
  provisioner "chef-client" {
    server_url = var.chef_server_url
    # Named here AND passed to the manifest below as custom_data chef_node_name; keep the two expressions the same.
    # Without node_name the provisioner registers packer-<uuid>, a fresh UUID that nothing records, and no later step
    # could find the node to remove it.
    node_name              = "packer-${source.name}-${build.PackerRunUUID}"
    run_list               = ["role[${var.role}]"]
    chef_environment       = var.environment
    version                = var.chef_version
    validation_client_name = "${local.chef_org}-validator"
    # No validation_key_path: chef-client reads /etc/chef/validation.pem, which step 1 wrote.
    #
    # The provisioner's own clean-up runs `knife node delete` on the build instance, and Chef Infra Client 17 and
    # later ship no knife, so it would fail the build. asgchef packer-postprocess removes the node and the client
    # from the Packer host instead (and error-cleanup-provisioner below does when the build fails).
    skip_clean_node   = true
    skip_clean_client = true
  }

  # 3. Nothing of the build node's identity may reach the image (docs/packer.md, "What the image must not contain").
  provisioner "shell" {
    execute_command = "chmod +x {{ .Path }}; sudo {{ .Vars }} {{ .Path }}"
    script          = "${path.root}/scripts/remove-chef-identity.sh"
  }

  # A failed build never reaches the post-processors: remove its node from the Packer host here. An absent node
  # (the run failed before chef-client registered) counts as done.
  error-cleanup-provisioner "shell-local" {
    inline = ["asgchef cleanup-node packer-${source.name}-${build.PackerRunUUID}"]
  }

  post-processors {
    post-processor "manifest" {
      output     = "packer-manifest.json"
      strip_path = true
      custom_data = {
        chef_node_name = "packer-${source.name}-${build.PackerRunUUID}"
        role           = var.role
        environment    = var.environment
      }
    }

    # Runs after the manifest is written, in the directory Packer runs in.
    post-processor "shell-local" {
      environment_vars = ["AWS_REGION=${var.region}"]
      inline = [
        # Waits for every region's AMI, tags it, deletes the build node and client from Chef, and writes
        # AMI_ID=ami-... (and AMI_ID_<REGION>=... per region) to stdout; its report goes to stderr.
        "asgchef packer-postprocess --manifest packer-manifest.json --build ${source.name} --tag Ready=true --output env > ami-${source.name}.env",
        ". ./ami-${source.name}.env",
        # The run phase: a new launch template version with this AMI, and a rolling replacement of older instances.
        "asgchef create-asg ${var.role} \"$AMI_ID\" ${var.environment} --iam-instance-profile ${var.node_instance_profile} --instance-refresh ${local.subnet_flags}",
      ]
    }
  }
}
