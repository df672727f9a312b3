#!/bin/sh
# Runs on the build instance, as root, before the chef-client provisioner.
#
# Writes the organization's validator key to /etc/chef/validation.pem, where chef-client looks for it when the
# provisioner sets no validation_key_path. The key is read from an SSM SecureString with the build instance's own
# credentials (its instance profile), so it never passes through the template, the Packer host or Packer's log.
# remove-chef-identity.sh deletes it again before the snapshot.
set -eu

: "${VALIDATION_KEY_PARAMETER:?set it to the SSM parameter that holds the validation key}"
: "${AWS_REGION:?set it to the region of that parameter}"

umask 077
mkdir -p /etc/chef
aws ssm get-parameter --region "$AWS_REGION" --with-decryption --name "$VALIDATION_KEY_PARAMETER" \
  --query Parameter.Value --output text >/etc/chef/validation.pem
if ! grep -q 'PRIVATE KEY' /etc/chef/validation.pem; then
  rm -f /etc/chef/validation.pem
  echo "fetch-validation-key: $VALIDATION_KEY_PARAMETER does not hold a PEM private key" >&2
  exit 1
fi
echo "fetch-validation-key: wrote /etc/chef/validation.pem from $VALIDATION_KEY_PARAMETER"
