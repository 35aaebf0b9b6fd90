using System.Runtime.Versioning;
using Platform.Tests.Cluster.Scripts;

namespace Platform.Tests.Cluster.EtcdBackup;

/// <summary>
/// A <see cref="FakeHost"/> set up as a control-plane node for the etcd backup and restore scripts: kubeadm's etcd and
/// kube-apiserver manifests, crictl standing in for kubelet and the etcd container (a container runs while its
/// manifest is in <c>/etc/kubernetes/manifests</c>; its etcdctl saves <c>$FAKE/etcd-data</c> as the snapshot and
/// answers <c>endpoint health</c> while <c>$FAKE/etcd-healthy</c> exists), the real openssl, a date fixed at
/// <see cref="Now"/>, and curl standing in for an S3 bucket (<c>$FAKE/bucket</c>): it reads the credentials only from
/// its <c>--config</c> file (copied to <c>$FAKE/curl-config</c>), fails when a credential is on its command line, and
/// records each request's method, path and payload hash (<c>$FAKE/s3-requests</c>).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class EtcdBackupHost : IDisposable
{
    /// <summary>The fixed time of every run.</summary>
    public const string Now = "20261201T113310Z";

    /// <summary>The access key ID the tests give the target.</summary>
    public const string AccessKeyId = "AKIAPLATFORMTEST";

    /// <summary>The secret access key the tests give the target.</summary>
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY";

    private const long NowSeconds = 1796124790;

    private const string Crictl = """
        [ "$1 $2" = "--runtime-endpoint unix:///run/containerd/containerd.sock" ] || { echo "unexpected: crictl $*" >&2; exit 2; }
        shift 2
        manifests="$ROOT/etc/kubernetes/manifests"
        case "$*" in
          "ps --name ^"*"\$ --label io.kubernetes.pod.namespace=kube-system --state running -q")
            name="${3#^}"; name="${name%\$}"
            if [ -f "$manifests/$name.yaml" ] && [ ! -f "$FAKE/stopped-$name" ]; then echo "container-$name"; fi ;;
          "exec container-etcd etcdctl --endpoints="*" snapshot save "*)
            [ -f "$manifests/etcd.yaml" ] || exit 1
            file="${*: -1}"
            (umask 077; cat "$FAKE/etcd-data" >"$file.part")
            mv "$file.part" "$file" ;;
          "exec container-etcd etcdctl --endpoints="*" endpoint health")
            [ -f "$manifests/etcd.yaml" ] && [ -f "$FAKE/etcd-healthy" ] ;;
          "exec container-etcd etcdutl snapshot status "*) [ -s "${*: -1}" ] && echo "1a2b3c4d, 4242, 1234, 5.2 MB" ;;
          "stop container-"*) ;;
          *) echo "unexpected: crictl $*" >&2; exit 2 ;;
        esac
        """;

    private const string Curl = """
        if [ "${1:-}" = --version ]; then
          echo "curl $(cat "$FAKE/curl-version" 2>/dev/null || echo 8.5.0) (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13"
          exit 0
        fi
        case "$*" in *AKIAPLATFORMTEST* | *SECRETKEY* | *RGWACCESS* | *RGWSECRET*) echo "a credential on curl's command line" >&2; exit 99 ;; esac
        config="" upload="" method="" output="/dev/stdout" sha256=""
        url="${*: -1}"
        while [ $# -gt 1 ]; do
          case "$1" in
            --config) config="$2"; shift ;;
            --upload-file) upload="$2"; shift ;;
            --request) method="$2"; shift ;;
            --output) output="$2"; shift ;;
            -H) sha256="${2#x-amz-content-sha256: }"; shift ;;
            --aws-sigv4 | --cacert | --retry) shift ;;
          esac
          shift
        done
        [ -r "$config" ] || { echo "no config file" >&2; exit 2; }
        cp "$config" "$FAKE/curl-config"
        path="${url#"$(cat "$FAKE/s3-url")"}"
        [ "$path" != "$url" ] || { echo "unexpected URL $url" >&2; exit 6; }
        echo "$method $path $sha256" >>"$FAKE/s3-requests"
        if [ -f "$FAKE/s3-down" ]; then echo "<Error><Code>ServiceUnavailable</Code></Error>"; exit 22; fi
        key="${path#/}"
        case "$method" in
          PUT) mkdir -p "$FAKE/bucket/$(dirname "$key")"; cp "$upload" "$FAKE/bucket/$key" ;;
          DELETE) rm -f "$FAKE/bucket/$key" ;;
          GET)
            case "$key" in
              "?list-type=2&prefix="* | "?continuation-token=t%3D"*"&list-type=2&prefix="*)
                prefix="${key#*prefix=}"
                prefix="${prefix//%2F//}"
                # Pages of $FAKE/page-size keys (1000 unless marked), the next one's start as the token "t=<index>".
                start=0
                case "$key" in "?continuation-token="*) start="${key#?continuation-token=t%3D}"; start="${start%%&*}" ;; esac
                page="$(cat "$FAKE/page-size" 2>/dev/null || echo 1000)"
                keys=()
                if [ -d "$FAKE/bucket" ]; then
                  while read -r k; do
                    case "$k" in "$prefix"*) keys+=("$k") ;; esac
                  done < <(cd "$FAKE/bucket" && find . -type f | sed 's|^\./||' | sort)
                fi
                echo '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult>'
                for k in "${keys[@]:start:page}"; do printf '<Contents><Key>%s</Key><Size>1</Size></Contents>' "$k"; done
                if [ $((start + page)) -lt "${#keys[@]}" ]; then
                  printf '<IsTruncated>true</IsTruncated><NextContinuationToken>t=%s</NextContinuationToken>' $((start + page))
                else
                  printf '<IsTruncated>false</IsTruncated>'
                fi
                echo '</ListBucketResult>' ;;
              *) [ -f "$FAKE/bucket/$key" ] || { echo "<Error><Code>NoSuchKey</Code></Error>"; exit 22; }; cp "$FAKE/bucket/$key" "$output" ;;
            esac ;;
          *) echo "unexpected method $method" >&2; exit 2 ;;
        esac
        """;

    public EtcdBackupHost()
    {
        Host.Write("/etc/kubernetes/manifests/etcd.yaml", EtcdManifest("cp-1", "10.0.0.11"));
        Host.Write("/etc/kubernetes/manifests/kube-apiserver.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n");
        Host.Write("/var/lib/etcd/member/snap/db", "etcd database\n");
        File.WriteAllText(Path.Combine(Host.State, "etcd-data"), "etcd data of cp-1\n");
        File.WriteAllText(Path.Combine(Host.State, "now"), NowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Host.Fake("crictl", Crictl);
        Host.Fake("curl", Curl);
        Host.Fake("openssl", "exec /usr/bin/openssl \"$@\"");
        Host.Fake("date", """
            case " $* " in *" -d "*) exec /usr/bin/date "$@" ;; esac
            exec /usr/bin/date -d "@$(cat "$FAKE/now")" "$@"
            """);
    }

    /// <summary>The host.</summary>
    public FakeHost Host { get; } = new();

    /// <summary>kubeadm's etcd manifest, as far as the scripts read it.</summary>
    public static string EtcdManifest(string name, string address) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd
          namespace: kube-system
        spec:
          containers:
          - command:
            - etcd
            - --advertise-client-urls=https://{address}:2379
            - --data-dir=/var/lib/etcd
            - --initial-advertise-peer-urls=https://{address}:2380
            - --listen-client-urls=https://127.0.0.1:2379,https://{address}:2379
            - --name={name}
            image: registry.k8s.io/etcd:3.6.11-0
        """;

    /// <summary>The bucket URL curl must be called with.</summary>
    public void ServeBucketAt(string url) => File.WriteAllText(Path.Combine(Host.State, "s3-url"), url);

    /// <summary>Sets the time of the next runs.</summary>
    public void At(DateTimeOffset time) =>
        File.WriteAllText(Path.Combine(Host.State, "now"), time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Puts an object into the bucket.</summary>
    public void PutObject(string key, string content)
    {
        var path = Path.Combine(Host.State, "bucket", key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>The bucket's keys, sorted.</summary>
    public IReadOnlyList<string> Objects()
    {
        var bucket = Path.Combine(Host.State, "bucket");
        return Directory.Exists(bucket)
            ? Directory.EnumerateFiles(bucket, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(bucket, p)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>An object's bytes.</summary>
    public byte[] Object(string key) => File.ReadAllBytes(Path.Combine(Host.State, "bucket", key));

    /// <summary>The S3 requests curl made: method, path, payload hash.</summary>
    public IReadOnlyList<string> Requests()
    {
        var path = Path.Combine(Host.State, "s3-requests");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    /// <summary>The config file curl was last given.</summary>
    public string CurlConfig() => File.ReadAllText(Path.Combine(Host.State, "curl-config"));

    /// <summary>Marks something in <c>$FAKE</c> (etcd-healthy, s3-down, ...).</summary>
    public void Mark(string name, string content = "") => File.WriteAllText(Path.Combine(Host.State, name), content);

    public void Dispose() => Host.Dispose();
}
