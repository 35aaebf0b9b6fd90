# apt waits up to 5 minutes for the dpkg lock (unattended-upgrades holds it on a fresh host) and retries downloads;
# a run that still fails (a lock it could not get, a mirror that did not answer) is tried again, 6 times at most.
export DEBIAN_FRONTEND=noninteractive
apt_retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 6 ]; then
      echo "'$*' failed 6 times: another apt or dpkg process may hold its lock, or a package mirror is unreachable" >&2
      return 1
    fi
    echo "'$*' failed (attempt $attempt of 6); trying again in 20 seconds" >&2
    sleep 20
    attempt=$((attempt + 1))
  done
}
apt_get() {
  apt_retry apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 "$@"
}
