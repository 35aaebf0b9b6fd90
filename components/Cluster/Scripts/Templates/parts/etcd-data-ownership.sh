# CIS 1.1.12: etcd's data directory, kubeadm's default /var/lib/etcd (the ClusterConfiguration sets no other), owned
# by etcd:etcd, with everything in it at the time. kubeadm's etcd runs as root, which the owner does not restrict, and
# the directory keeps its mode 0700 (CIS 1.1.11). Flatcar has an etcd user and group already; elsewhere they are made
# as system accounts with no home and no login. Runs after kubeadm init, join and upgrade, which create or rewrite
# the directory's files as root.
if [ -d /var/lib/etcd ]; then
  getent group etcd >/dev/null || groupadd --system etcd
  getent passwd etcd >/dev/null || useradd --system --gid etcd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin etcd
  chown -R etcd:etcd /var/lib/etcd
fi
