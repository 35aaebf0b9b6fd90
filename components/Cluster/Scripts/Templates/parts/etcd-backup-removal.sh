# The scheduled etcd backup goes when the node leaves, or when the stack has no backup target: its timer and service,
# its script, the certificate it encrypts to and the target's credentials. Where there are none, nothing happens. The
# local snapshots stay until the node's reset removes the platform's state.
if [ -f @@ETCD_BACKUP_TIMER_PATH@@ ] || [ -f @@ETCD_BACKUP_SERVICE_PATH@@ ]; then
  systemctl disable --now @@ETCD_BACKUP_TIMER_UNIT@@ || true
  rm -f @@ETCD_BACKUP_TIMER_PATH@@ @@ETCD_BACKUP_SERVICE_PATH@@
  systemctl daemon-reload
fi
rm -rf @@ETCD_BACKUP_SCRIPT_PATH@@ @@ETCD_BACKUP_CONFIG_DIR@@
