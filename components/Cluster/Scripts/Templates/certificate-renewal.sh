#!/usr/bin/env bash
# Platform: install the certificate renewal timer of control-plane node @@NODE@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# The renewal script and its systemd service and timer (the timer in this node's own slot of the day); a file whose
# content is unchanged is left alone, so a second run changes nothing. The node's reset removes them.
changed=""
@@WRITE_FILE@@
install -d -m 0755 @@PLATFORM_DIR@@ @@UNIT_FOLDER@@
# The script is written as it is: its expansions are for the node to run, not for this step.
# shellcheck disable=SC2016
write_file @@RENEWAL_SCRIPT_PATH@@ 0700 @@RENEWAL_SCRIPT@@
write_file @@RENEWAL_SERVICE_PATH@@ 0644 @@RENEWAL_SERVICE@@
write_file @@RENEWAL_TIMER_PATH@@ 0644 @@RENEWAL_TIMER@@
if [ -n "$changed" ]; then
  systemctl daemon-reload
  # A changed timer takes its new slot at once.
  systemctl restart @@RENEWAL_TIMER_UNIT@@
fi
if ! systemctl is-enabled --quiet @@RENEWAL_TIMER_UNIT@@ || ! systemctl is-active --quiet @@RENEWAL_TIMER_UNIT@@; then
  systemctl enable --now @@RENEWAL_TIMER_UNIT@@
fi
systemctl list-timers @@RENEWAL_TIMER_UNIT@@ --no-pager || true
