#!/bin/sh
# Runs on the build instance, as root, after the chef-client provisioner and before Packer stops the instance and
# snapshots it.
#
# The image must not carry the build node's Chef identity. With the build's client.pem and client.rb every instance
# launched from it would sign requests as the build node (which packer-postprocess deletes, so every run fails with
# 401); first-boot.json holds the build's run list; validation.pem is the organization-wide validator key, a secret
# that lets anyone holding it register clients. The group's first-boot user data writes a fresh client.rb naming the
# node after the instance id and reads the validator key through the instance profile.
set -eu

identity="/etc/chef/client.pem /etc/chef/client.rb /etc/chef/validation.pem /etc/chef/first-boot.json"

# shellcheck disable=SC2086 # the list is split on purpose
rm -f $identity
# The provisioner's staging directory keeps its own client.rb, client.pem and first-boot.json. Packer removes it
# unless skip_clean_staging_directory is set; make sure either way.
rm -rf /tmp/packer-chef-client

left=""
for file in $identity /tmp/packer-chef-client; do
  if [ -e "$file" ]; then
    left="$left $file"
  fi
done
if [ -n "$left" ]; then
  echo "remove-chef-identity: still present:$left" >&2
  exit 1
fi
echo "remove-chef-identity: no Chef identity left in the image"
