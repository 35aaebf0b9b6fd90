# CIS 1.1.20: every certificate under the PKI folder readable by root only (all its readers run as root).
if [ -d /etc/kubernetes/pki ]; then
  find /etc/kubernetes/pki -name '*.crt' -exec chmod 600 {} +
fi
