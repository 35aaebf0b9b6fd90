# CIS 4.1.1, 4.1.2 on Flatcar: kubelet's unit and its kubeadm drop-in come with the Kubernetes sysext, on the
# read-only /usr and readable by everyone. The first kubelet service file kube-bench looks for is the drop-in under
# /etc: a copy of the sysext's drop-in there, readable by root only, takes the place of the sysext's (systemd reads
# the drop-in of a name from /etc before /usr/lib), so kubelet still runs as the sysext says. A sysext whose drop-in
# differs (another Kubernetes version) is copied again; nothing restarts kubelet here: the copy says what kubelet runs
# with already, and an upgrade copies it before it restarts kubelet itself.
sysext_drop_in=/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf
drop_in=/etc/systemd/system/kubelet.service.d/10-kubeadm.conf
if [ -f "$sysext_drop_in" ] && ! cmp -s "$sysext_drop_in" "$drop_in"; then
  install -d -m 0755 /etc/systemd/system/kubelet.service.d
  install -m 0600 "$sysext_drop_in" "$drop_in"
  chown root:root "$drop_in"
  systemctl daemon-reload
fi
