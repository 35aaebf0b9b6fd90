namespace Platform.Tests.Cluster.Scripts;

/// <summary>curl on a Flatcar <see cref="FakeHost"/>: a download to a file (<c>-o</c>) writes the sysext image
/// <c>image</c>; a release's <c>SHA256SUMS</c> is <c>$FAKE/sums</c> when the test wrote one, otherwise that release's
/// sums with the image's real checksum for x86-64 (and another image's for arm64).</summary>
internal static class FlatcarSysextFake
{
    /// <summary>The stand-in's behaviour, for <see cref="FakeHost.Fake"/>.</summary>
    public const string Curl = """
        out=""
        url=""
        while [ $# -gt 0 ]; do
          case "$1" in
            -o) out="$2"; shift ;;
            -*) ;;
            *) url="$1" ;;
          esac
          shift
        done
        case "$url" in
          */SHA256SUMS)
            if [ -f "$FAKE/sums" ]; then
              cat "$FAKE/sums"
            else
              release="${url%/SHA256SUMS}"
              release="${release##*/}"
              printf '%s  %s-arm64.raw\n' "$(printf 'other\n' | sha256sum | cut -d' ' -f1)" "$release"
              printf '%s  %s-x86-64.raw\n' "$(printf 'image\n' | sha256sum | cut -d' ' -f1)" "$release"
            fi ;;
          *) echo image >"$out" ;;
        esac
        """;
}
