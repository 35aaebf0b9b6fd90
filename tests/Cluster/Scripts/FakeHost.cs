using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// A host to run a rendered node script on for real, under bash, with nothing real to break. The script's absolute
/// paths under <c>/etc</c>, <c>/run</c>, <c>/var</c>, <c>/lib</c>, <c>/opt</c>, <c>/usr/lib</c> and <c>/usr/share</c>
/// are moved under a temporary root folder (<see cref="Root"/>, which the test fills), and PATH holds only the
/// ordinary tools the scripts use (sed, awk, install, ...) and stand-ins for everything that would act on the machine
/// or depends on it (kubeadm, kubectl, systemctl, apt-get, date, ...). Each stand-in records its command line and then
/// does what the test says (<see cref="Fake"/>), by default nothing (the account tools, getent, groupadd and useradd,
/// work on the node's <c>/etc/passwd</c> and <c>/etc/group</c>). Paths in what is recorded and printed are given back
/// as the node sees them.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class FakeHost : IDisposable
{
    private static readonly string[] Tools =
    [
        "bash", "cat", "sed", "awk", "grep", "cmp", "install", "mktemp", "rm", "mv", "cp", "chmod", "find", "touch",
        "dirname", "cut", "tr", "seq", "xargs", "readlink", "ln", "base64", "flock", "mkdir", "head", "tail", "sort", "env",
        "sha256sum", "df", "stat", "du",
    ];

    private static readonly string[] StandIns =
    [
        "kubeadm", "kubectl", "kubelet", "systemctl", "systemd-sysext", "modprobe", "sysctl", "swapoff", "apt-get",
        "apt-mark", "apt-cache", "dpkg", "containerd", "crictl", "curl", "gpg", "chown", "ip", "sleep", "getent", "groupadd", "useradd", "date",
    ];

    /// <summary>The account tools, on the node's <c>/etc/passwd</c> and <c>/etc/group</c>: <c>getent</c> finds a name
    /// there (exit 2 when it is missing, as getent does), <c>groupadd</c> and <c>useradd</c> add their last argument.</summary>
    private static readonly (string Command, string Behaviour)[] Accounts =
    [
        ("getent", """
            case "$1" in passwd|group) ;; *) echo "unexpected: getent $*" >&2; exit 2 ;; esac
            grep "^$2:" "$ROOT/etc/$1" 2>/dev/null || exit 2
            """),
        ("groupadd", """echo "${*: -1}:x:999:" >>"$ROOT/etc/group" """),
        ("useradd", """echo "${*: -1}:x:999:999::/nonexistent:/usr/sbin/nologin" >>"$ROOT/etc/passwd" """),
    ];

    private static readonly string Bash = Which("bash");

    private readonly string _folder;
    private readonly string _bin;
    private int _recorded;

    /// <summary>A host with an empty root (only <c>/etc</c>, <c>/run</c>, <c>/tmp</c>, <c>/var/lib</c>, <c>/opt</c> and the
    /// kernel's BTF file <c>/sys/kernel/btf/vmlinux</c>).</summary>
    public FakeHost()
    {
        _folder = Directory.CreateTempSubdirectory("platform-host-").FullName;
        Root = Path.Combine(_folder, "root");
        State = Directory.CreateDirectory(Path.Combine(_folder, "state")).FullName;
        _bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        if (!PlainPath().IsMatch(Root)) throw new InvalidOperationException($"The temporary folder {Root} must be a plain path to stand in for /.");
        foreach (var dir in new[] { "etc", "run", "tmp", "var/lib", "opt" }) Directory.CreateDirectory(Path.Combine(Root, dir));
        foreach (var tool in Tools) File.CreateSymbolicLink(Path.Combine(_bin, tool), Which(tool));
        foreach (var command in StandIns) Fake(command, "");
        foreach (var (command, behaviour) in Accounts) Fake(command, behaviour);
        // A host Falco's modern eBPF probe can trace (the prepare step warns about any other): an x86_64 kernel of 6.8
        // with BTF. A test fakes uname, or removes the file, for another host.
        Fake("uname", """case "$*" in -m) echo x86_64 ;; -r) echo 6.8.0-45-generic ;; *) echo Linux ;; esac""");
        Write("/sys/kernel/btf/vmlinux", "BTF");
    }

    /// <summary>The folder that stands in for the node's <c>/</c>.</summary>
    public string Root { get; }

    /// <summary>A folder the stand-ins may keep state in (<c>$FAKE</c> in their behaviour).</summary>
    public string State { get; }

    /// <summary>
    /// Makes <paramref name="command"/> a stand-in that records its command line and then runs
    /// <paramref name="behaviour"/> (bash, with <c>set -euo pipefail</c>): its arguments are <c>$@</c>, <c>$FAKE</c> is
    /// <see cref="State"/> and <c>$ROOT</c> is <see cref="Root"/>.
    /// </summary>
    public void Fake(string command, string behaviour)
    {
        var path = Path.Combine(_bin, command);
        File.Delete(path);
        File.WriteAllText(path, $"#!{Bash}\nset -euo pipefail\nprintf '%s\\n' \"{command} $*\" >>\"$FAKE/calls\"\n{behaviour}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Where the node's <paramref name="path"/> is on this machine.</summary>
    public string PathOf(string path) => Root + path;

    /// <summary>Writes the node's file <paramref name="path"/>, creating its folder.</summary>
    public void Write(string path, string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(path))!);
        File.WriteAllText(PathOf(path), content);
        File.SetUnixFileMode(PathOf(path), mode);
    }

    /// <summary>Creates the node's folder <paramref name="path"/>.</summary>
    public void CreateFolder(string path) => Directory.CreateDirectory(PathOf(path));

    /// <summary>The node's file <paramref name="path"/>, with paths as the node sees them.</summary>
    public string Read(string path) => AsOnNode(File.ReadAllText(PathOf(path)));

    /// <summary>Whether the node has a file or folder at <paramref name="path"/>.</summary>
    public bool Exists(string path) => Path.Exists(PathOf(path));

    /// <summary>The mode of the node's file <paramref name="path"/>.</summary>
    public UnixFileMode Mode(string path) => File.GetUnixFileMode(PathOf(path));

    /// <summary>Every file and link on the node (but <c>/tmp</c>) with its mode and content, or its target: equal
    /// snapshots before and after a run mean the run changed nothing.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories)
            .Select(p => (Path: p[Root.Length..], Info: new FileInfo(p)))
            .Where(e => !e.Path.StartsWith("/tmp/", StringComparison.Ordinal))
            .Where(e => e.Info.LinkTarget != null || !e.Info.Attributes.HasFlag(FileAttributes.Directory))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(e => e.Path, e => e.Info.LinkTarget is { } target
                ? $"-> {AsOnNode(target)}"
                : $"{e.Info.UnixFileMode} {AsOnNode(File.ReadAllText(e.Info.FullName))}", StringComparer.Ordinal);

    /// <summary>Runs <paramref name="script"/> on the host, with <paramref name="stdin"/> on its standard input.</summary>
    public ScriptRun Run(string script, string stdin = "")
    {
        var path = Path.Combine(_folder, "script.sh");
        File.WriteAllText(path, Relocated().Replace(script, Root + "/"));
        var start = new ProcessStartInfo(Bash) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        start.Environment.Clear();
        start.Environment["PATH"] = _bin;
        start.Environment["FAKE"] = State;
        start.Environment["ROOT"] = Root;
        start.Environment["TMPDIR"] = Path.Combine(Root, "tmp");
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        try
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The script ended (or closed its standard input) before reading all of it, as one that refuses early does:
            // what it read is what the run shows.
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var calls = File.Exists(Path.Combine(State, "calls")) ? File.ReadAllLines(Path.Combine(State, "calls")) : [];
        var run = new ScriptRun(process.ExitCode, AsOnNode(output.Result), AsOnNode(errors.Result), calls.Skip(_recorded).Select(AsOnNode).ToList());
        _recorded = calls.Length;
        return run;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string AsOnNode(string text) => text.Replace(Root, "", StringComparison.Ordinal);

    private static string Which(string tool) =>
        new[] { "/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin" }.Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"The node script tests need {tool} on this machine.");

    /// <summary>The start of an absolute path the node scripts write or read, where it begins a word.</summary>
    [GeneratedRegex(@"(?<=^|[\s""'=>(])/(?=(?:etc|run|var|lib|opt|sys|usr/lib|usr/share)/)", RegexOptions.Multiline)]
    private static partial Regex Relocated();

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex PlainPath();
}
