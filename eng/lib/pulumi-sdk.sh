# shellcheck shell=bash
# Sourced by eng/test and eng/render: chooses the Pulumi SDK to build against and sets PULUMI_SDK.
# The real packages when the NuGet feed serves them; the offline SDK (eng/offline-sdk) when it does not.
# PULUMI_SDK=packages or PULUMI_SDK=offline chooses instead of detecting. Prints the choice as one line on stderr
# when $1 is "announce" (eng/test prints it first).
choose_pulumi_sdk() {
  local log
  if [ -z "${PULUMI_SDK:-}" ]; then
    log="$(mktemp)"
    if dotnet restore Platform.sln -p:PulumiSdk=packages >"$log" 2>&1; then
      PULUMI_SDK=packages
    elif grep -Eq "NU110[123].*Pulumi" "$log"; then
      PULUMI_SDK=offline
    else
      echo "SDK: could not be chosen: restoring the real Pulumi packages failed for another reason:" >&2
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
    rm -f "$log"
  fi
  case "$PULUMI_SDK" in
    packages) PULUMI_SDK_TEXT="real Pulumi packages from NuGet (Pulumi 3.112.1, Pulumi.Kubernetes 4.32.0, Pulumi.Command 1.2.1, Pulumi.Random 4.21.1, Pulumi.Tls 5.5.1)" ;;
    offline) PULUMI_SDK_TEXT="offline (eng/offline-sdk): this machine's NuGet feed does not serve the Pulumi packages" ;;
    *) echo "PULUMI_SDK must be 'packages' or 'offline', not '$PULUMI_SDK'" >&2; return 2 ;;
  esac
  export PULUMI_SDK PULUMI_SDK_TEXT
}
