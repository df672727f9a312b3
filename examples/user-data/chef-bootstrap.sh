#!/bin/bash
# asgchef first-boot user data, written by `asgchef create-asg`.
#
# Joins this instance to the Chef Infra Server as node <instance id>, with run list role[ROLE] in Chef environment
# CHEF_ENVIRONMENT, so that teardown (asgchef drain-queue / cleanup-node) finds the node by the instance id alone.
# The server URL and the validation key are read at boot through the instance profile (an SSM parameter or an S3
# object); no secret is ever part of the user data. The validation key is removed again before this script ends.
#
# Needs on the AMI: chef-client (or cinc-client) baked in, curl, and the AWS CLI for ssm: and s3:// settings.
# The instance profile needs ssm:GetParameter (plus kms:Decrypt for a SecureString) or s3:GetObject on them.
# Output goes to /var/log/cloud-init-output.log.
set -euo pipefail

# Filled in by asgchef: every value was checked against a strict pattern and is a single-quoted shell word.
ROLE='haproxy'
CHEF_ENVIRONMENT='staging'
CHEF_SERVER_URL_FROM='ssm:/asgchef/chef-server-url'
VALIDATION_KEY_FROM='ssm:/asgchef/chef-validation-key'
VALIDATION_CLIENT_NAME=''

CHEF_DIR=/etc/chef
export PATH="$PATH:/opt/chef/bin:/opt/cinc/bin:/usr/local/bin"

fail() {
  echo "asgchef bootstrap: $*" >&2
  exit 1
}

# IMDSv2 only: a session token first (the launch template sets HttpTokens=required).
IMDS=http://169.254.169.254/latest
TOKEN=$(curl -fsS --retry 5 -X PUT "$IMDS/api/token" -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
metadata() {
  curl -fsS --retry 5 -H "X-aws-ec2-metadata-token: $TOKEN" "$IMDS/meta-data/$1"
}
INSTANCE_ID=$(metadata instance-id)
REGION=$(metadata placement/region)
[[ $INSTANCE_ID =~ ^i-([0-9a-f]{8}|[0-9a-f]{17})$ ]] || fail "unexpected instance id from IMDS: $INSTANCE_ID"
[[ $REGION =~ ^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$ ]] || fail "unexpected region from IMDS: $REGION"

# read_setting SOURCE: prints an SSM parameter (ssm:NAME, decrypted) or an S3 object (s3://BUCKET/KEY), read with
# the instance profile's credentials; anything else is the value itself.
read_setting() {
  case $1 in
    ssm:*) aws ssm get-parameter --region "$REGION" --with-decryption --name "${1#ssm:}" \
      --query Parameter.Value --output text ;;
    s3://*) aws s3 cp --only-show-errors "$1" - ;;
    *) printf '%s\n' "$1" ;;
  esac
}

CHEF_SERVER_URL=$(read_setting "$CHEF_SERVER_URL_FROM")
# It goes into client.rb as a Ruby string: accept only what a URL needs.
[[ $CHEF_SERVER_URL =~ ^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]+)*/?$ ]] ||
  fail "the chef_server_url read from $CHEF_SERVER_URL_FROM is not an http(s) URL"
if [[ -z $VALIDATION_CLIENT_NAME ]]; then
  # Chef Infra Server names each organization's validator ORG-validator.
  VALIDATION_CLIENT_NAME=chef-validator
  if [[ $CHEF_SERVER_URL =~ /organizations/([a-z0-9_-]+) ]]; then
    VALIDATION_CLIENT_NAME="${BASH_REMATCH[1]}-validator"
  fi
fi

umask 077
mkdir -p "$CHEF_DIR/ohai/hints"
# A baked AMI must not carry another node's identity; this node registers afresh with the validator.
rm -f "$CHEF_DIR/client.pem"
trap 'rm -f "$CHEF_DIR/validation.pem"' EXIT
read_setting "$VALIDATION_KEY_FROM" >"$CHEF_DIR/validation.pem"
grep -q 'PRIVATE KEY' "$CHEF_DIR/validation.pem" || fail "$VALIDATION_KEY_FROM does not hold a PEM private key"

# With the hint, Ohai fills node['ec2'] (searchable as ec2_instance_id) on every kind of instance.
echo '{}' >"$CHEF_DIR/ohai/hints/ec2.json"

cat >"$CHEF_DIR/client.rb" <<EOF
chef_server_url        '$CHEF_SERVER_URL'
node_name              '$INSTANCE_ID'
environment            '$CHEF_ENVIRONMENT'
validation_client_name '$VALIDATION_CLIENT_NAME'
validation_key         '$CHEF_DIR/validation.pem'
client_key             '$CHEF_DIR/client.pem'
EOF
printf '{"run_list":["role[%s]"]}\n' "$ROLE" >"$CHEF_DIR/first-boot.json"

command -v chef-client >/dev/null || fail "chef-client is not installed on this AMI: bake it in with Packer"
chef-client --no-color --config "$CHEF_DIR/client.rb" --json-attributes "$CHEF_DIR/first-boot.json"
