#!/usr/bin/env bash
# Platform: install the etcd restore script, and the scheduled etcd backup or its removal, on control-plane node @@NODE@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Each file is written only where its content changed, so a second run changes nothing. The node's reset removes all.
umask 077
changed=""
@@WRITE_FILE@@
install -d -m 0755 @@PLATFORM_DIR@@ @@UNIT_FOLDER@@
# The restore script is on every control-plane node, with or without a backup target (it restores local snapshots too).
# shellcheck disable=SC2016
write_file @@ETCD_RESTORE_SCRIPT_PATH@@ 0700 @@ETCD_RESTORE_SCRIPT@@
if [ -n "$changed" ]; then
  echo "wrote @@ETCD_RESTORE_SCRIPT_PATH@@"
fi
changed=""
@@ETCD_BACKUP@@
