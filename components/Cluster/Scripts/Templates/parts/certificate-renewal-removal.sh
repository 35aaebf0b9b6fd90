# The certificate renewal timer and service of a control-plane node go with it (its script is among the platform's
# files); where there are none, nothing happens.
if [ -f @@RENEWAL_TIMER_PATH@@ ] || [ -f @@RENEWAL_SERVICE_PATH@@ ]; then
  systemctl disable --now @@RENEWAL_TIMER_UNIT@@ || true
  rm -f @@RENEWAL_TIMER_PATH@@ @@RENEWAL_SERVICE_PATH@@
  systemctl daemon-reload
fi
