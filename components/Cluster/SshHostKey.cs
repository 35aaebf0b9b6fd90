using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Components.Cluster;

/// <summary>
/// An SSH host's public key, to pin a connection to that host (<see cref="ClusterNode.HostKey"/>,
/// <see cref="SshBastion.HostKey"/>). <see cref="ToString"/> gives the form Pulumi.Command's <c>hostKey</c> takes: the
/// provider reads it with Go's <c>ssh.ParseAuthorizedKey</c>, pins exactly that key (<c>ssh.FixedHostKey</c>) and offers
/// the server only that key's type (pulumi-command provider/pkg/provider/remote/connection.go).
/// <para>
/// <see cref="TryParse"/> takes what an operator copies: a public key file's line (<c>ssh-ed25519 AAAA… comment</c>, as in
/// <c>/etc/ssh/ssh_host_ed25519_key.pub</c>) or a line that <c>ssh-keyscan</c> prints or <c>known_hosts</c> holds, whose
/// first field names the host (<c>10.0.0.11</c>, <c>[10.0.0.11]:2222</c>, <c>name,10.0.0.11</c>, or hashed
/// <c>|1|salt|hash</c>). Lines starting with <c>#</c> (ssh-keyscan's banner, known_hosts comments) are ignored. The key
/// must be Ed25519 or ECDSA (NIST P-256, P-384, P-521), with key data that decodes and names the same type.
/// </para>
/// </summary>
public sealed class SshHostKey
{
    /// <summary>The key types that can be pinned: Ed25519 and ECDSA on the NIST curves, the host key types OpenSSH supports
    /// other than RSA (for a pinned RSA key Pulumi.Command offers only SHA-1 signatures, which OpenSSH 8.8+ refuses).</summary>
    public static IReadOnlyList<string> PinnableTypes { get; } =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"];

    /// <summary>Every key type OpenSSH knows (<c>ssh -Q key</c>) and the RSA signature names sometimes given in their place.</summary>
    private static readonly HashSet<string> KnownKeyTypes = new(StringComparer.Ordinal)
    {
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-256", "rsa-sha2-512",
        "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
        "ecdsa-sha2-nistp521-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com",
        "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
    };

    private const string HashedHostPrefix = "|1|";
    private const int HashedHostSaltLength = 20;

    private readonly byte[] blob;

    private SshHostKey(string type, byte[] blob, string? hosts)
    {
        Type = type;
        this.blob = blob;
        Hosts = hosts;
    }

    /// <summary>The key type, e.g. <c>ssh-ed25519</c>.</summary>
    public string Type { get; }

    /// <summary>The key data (the SSH wire encoding), base64-encoded as in a public key file.</summary>
    public string Base64 => Convert.ToBase64String(blob);

    /// <summary>The fingerprint OpenSSH shows for the key (<c>ssh-keygen -lf</c>, and <c>ssh</c> when it asks):
    /// <c>SHA256:</c> and the unpadded base64 of the key data's SHA-256.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    /// <summary>The host field of the line the key came from (<c>ssh-keyscan</c> / <c>known_hosts</c>), or null when it
    /// had none. It is not part of the key: <see cref="Names"/> checks it against the host being connected to.</summary>
    public string? Hosts { get; }

    /// <summary>The key as Pulumi.Command's <c>hostKey</c> takes it: <c>type base64</c>, without host field or comment.</summary>
    public override string ToString() => $"{Type} {Base64}";

    /// <summary>Reads <paramref name="text"/>; throws <see cref="FormatException"/> with the reason when it is not a
    /// host key that can be pinned.</summary>
    public static SshHostKey Parse(string text) =>
        TryParse(text, out var key, out var problem) ? key : throw new FormatException(problem);

    /// <summary>Reads <paramref name="text"/> (see <see cref="SshHostKey"/> for the forms); false, with
    /// <paramref name="problem"/> saying what is wrong in a sentence or two, when it is not a host key that can be pinned.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SshHostKey? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        var lines = (text ?? string.Empty).Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        if (lines.Count == 0)
        {
            problem = "is empty.";
            return false;
        }

        if (lines.Count > 1)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"holds {lines.Count} lines. A connection pins one key: keep only the line of the host's {PinnableTypes[0]} key.");
            return false;
        }

        var fields = lines[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields[0].StartsWith('@'))
        {
            problem = fields[0] switch
            {
                "@cert-authority" => "is a known_hosts @cert-authority line: the key of a CA that signs host certificates, not of a host. Pin the host's own key.",
                "@revoked" => "is a known_hosts @revoked line, which marks a key not to trust. Pin the host's current key.",
                _ => $"starts with the marker '{fields[0]}', which known_hosts does not know. Paste the host's key line without it.",
            };
            return false;
        }

        // A host field comes first unless the line starts with the key type; a host may be named ssh-1, so the first
        // field is a host whenever the second one is a key type and the first is not a known one.
        string? hosts = null;
        if (!KnownKeyTypes.Contains(fields[0]) && fields.Length >= 3 && LooksLikeKeyType(fields[1]))
        {
            hosts = fields[0];
            fields = fields[1..];
        }

        if (fields.Length < 2 || !LooksLikeKeyType(fields[0]))
        {
            problem = "is not an SSH public key: expected a key type and its base64 data (ssh-ed25519 AAAA…), optionally after the host " +
                "field ssh-keyscan and known_hosts put first.";
            return false;
        }

        var type = fields[0];
        if (TypeProblem(type) is { } typeProblem)
        {
            problem = typeProblem;
            return false;
        }

        if (!TryDecodeBase64(fields[1], out var data))
        {
            problem = $"has {type} key data that is not valid base64 (was the line cut short or wrapped?).";
            return false;
        }

        if (BlobProblem(type, data) is { } blobProblem)
        {
            problem = blobProblem;
            return false;
        }

        if (hosts is not null && HostsProblem(hosts) is { } hostsProblem)
        {
            problem = hostsProblem;
            return false;
        }

        key = new SshHostKey(type, data, hosts);
        problem = null;
        return true;
    }

    /// <summary>Whether the line's host field names <paramref name="host"/> on <paramref name="port"/>, as OpenSSH matches
    /// known_hosts: the name <c>host</c> on port 22, <c>[host]:port</c> on any other; hashed entries are compared by their
    /// HMAC-SHA1; <c>*</c> and <c>?</c> are wildcards and a <c>!</c> pattern excludes. Null when the line had no host field.</summary>
    public bool? Names(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Hosts is null)
        {
            return null;
        }

        var name = HostName(host, port);
        var matched = false;
        foreach (var entry in Hosts.Split(','))
        {
            var negated = entry.StartsWith('!');
            var pattern = negated ? entry[1..] : entry;
            var matches = pattern.StartsWith(HashedHostPrefix, StringComparison.Ordinal)
                ? HashedMatches(pattern, name)
                : GlobMatches(pattern.ToLowerInvariant(), name);
            if (matches && negated)
            {
                return false;
            }

            matched |= matches;
        }

        return matched;
    }

    /// <summary>The name OpenSSH looks <paramref name="host"/> up under in known_hosts: the host itself on port 22,
    /// <c>[host]:port</c> on any other (as <c>ssh-keyscan -p</c> prints it).</summary>
    public static string HostName(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var lower = host.ToLowerInvariant();
        return port == ClusterNode.DefaultSshPort ? lower : string.Create(CultureInfo.InvariantCulture, $"[{lower}]:{port}");
    }

    /// <summary>The warning for the nodes and bastions among <paramref name="nodes"/> without a host key, naming each of
    /// them, the risk and the fix; null when every one has its key.</summary>
    public static string? UnpinnedWarning(IEnumerable<ClusterNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var list = nodes.ToList();
        var unpinned = list.Where(node => node.HostKey is null).Select(node => $"node {node.Name} ({node.Address})")
            .Concat(list.Select(node => node.Bastion).OfType<SshBastion>().Where(bastion => bastion.HostKey is null)
                .Select(bastion => $"bastion {(bastion.Port == SshBastion.DefaultPort ? bastion.Host : string.Create(CultureInfo.InvariantCulture, $"{bastion.Host}:{bastion.Port}"))}")
                .Distinct(StringComparer.Ordinal))
            .ToList();
        if (unpinned.Count == 0)
        {
            return null;
        }

        var names = unpinned.Count == 1 ? unpinned[0] : $"{string.Join(", ", unpinned.Take(unpinned.Count - 1))} and {unpinned[^1]}";
        return $"SSH host keys are not pinned for {names}: Platform's commands accept whatever key answers there, so a machine " +
            "that takes over one of those addresses (or sits in between) is sent what the nodes are sent, the cluster's CA keys, " +
            "service-account key, Secrets encryption key and join tokens among it. Give each its hostKey in platform:nodes " +
            "(a bastion's in its bastion object): `ssh-keyscan -t ed25519 <address>`, its fingerprint checked against " +
            "`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host's console (README: Host keys).";
    }

    private static bool LooksLikeKeyType(string field) => KnownKeyTypes.Contains(field) ||
        field.StartsWith("ssh-", StringComparison.Ordinal) || field.StartsWith("ecdsa-", StringComparison.Ordinal) ||
        field.StartsWith("sk-", StringComparison.Ordinal) || field.StartsWith("rsa-sha2-", StringComparison.Ordinal) ||
        field.StartsWith("webauthn-", StringComparison.Ordinal);

    private static string? TypeProblem(string type)
    {
        if (PinnableTypes.Contains(type, StringComparer.Ordinal))
        {
            return null;
        }

        if (type.EndsWith("-cert-v01@openssh.com", StringComparison.Ordinal))
        {
            return $"is a host certificate ({type}), not a host key. Pin the key itself (the .pub file without -cert, or what ssh-keyscan prints).";
        }

        return type switch
        {
            "ssh-rsa" or "rsa-sha2-256" or "rsa-sha2-512" =>
                $"is an RSA key ({type}). RSA host keys cannot be pinned: Pulumi.Command then offers the host only the SHA-1 " +
                "ssh-rsa signature, which OpenSSH 8.8 and later refuse. Pin the host's ssh-ed25519 key (or an ECDSA one).",
            "ssh-dss" => "is a DSA key (ssh-dss), which OpenSSH no longer supports. Pin the host's ssh-ed25519 key.",
            _ when type.StartsWith("sk-", StringComparison.Ordinal) || type.StartsWith("webauthn-", StringComparison.Ordinal) =>
                $"is a security-key type ({type}), which SSH servers do not use as host keys. Pin the host's ssh-ed25519 key.",
            _ => $"has key type '{type}', which is not one Platform can pin. Use {string.Join(", ", PinnableTypes.Take(PinnableTypes.Count - 1))} " +
                $"or {PinnableTypes[^1]}.",
        };
    }

    private static bool TryDecodeBase64(string text, out byte[] data)
    {
        data = [];
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written == 0)
        {
            return false;
        }

        data = buffer[..written];
        return true;
    }

    /// <summary>Checks the key data as OpenSSH and Go's ssh package read it: the type string it starts with is the
    /// declared type, then the key itself, then nothing.</summary>
    private static string? BlobProblem(string type, byte[] data)
    {
        var reader = new WireReader(data);
        if (!reader.TryReadString(out var embedded))
        {
            return $"has {type} key data that is not SSH key data (was the line cut short?).";
        }

        var embeddedType = Encoding.ASCII.GetString(embedded);
        if (!string.Equals(embeddedType, type, StringComparison.Ordinal))
        {
            var what = embeddedType.All(c => c is >= '!' and <= '~') && embeddedType.Length is > 0 and <= 64
                ? $"its key data is of type {embeddedType}"
                : "its key data names no key type";
            return $"declares type {type}, but {what}: the type and the base64 text come from different lines. Copy the whole line again.";
        }

        var keyProblem = type == "ssh-ed25519" ? Ed25519Problem(ref reader) : EcdsaProblem(type, ref reader);
        if (keyProblem is not null)
        {
            return $"has {type} key data that is not valid: {keyProblem}. Copy the whole line again.";
        }

        return reader.Remaining == 0
            ? null
            : $"has {type} key data that goes on after the key. Copy the whole line again.";
    }

    private static string? Ed25519Problem(ref WireReader reader)
    {
        if (!reader.TryReadString(out var point))
        {
            return "the public key is missing or cut short";
        }

        return point.Length == 32
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the public key is {point.Length} bytes, not 32");
    }

    private static string? EcdsaProblem(string type, ref WireReader reader)
    {
        var curveName = type["ecdsa-sha2-".Length..];
        if (!reader.TryReadString(out var curve) || !reader.TryReadString(out var point))
        {
            return "the curve or the public point is missing or cut short";
        }

        if (Encoding.ASCII.GetString(curve) != curveName)
        {
            return $"it names the curve '{Encoding.ASCII.GetString(curve)}', not {curveName}";
        }

        var (namedCurve, size) = curveName switch
        {
            "nistp256" => (ECCurve.NamedCurves.nistP256, 32),
            "nistp384" => (ECCurve.NamedCurves.nistP384, 48),
            _ => (ECCurve.NamedCurves.nistP521, 66),
        };
        if (point.Length != 1 + (2 * size) || point[0] != 0x04)
        {
            return "the public point is not an uncompressed point of the curve";
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = namedCurve,
                Q = new ECPoint { X = point.Slice(1, size).ToArray(), Y = point.Slice(1 + size, size).ToArray() },
            });
            return null;
        }
        catch (CryptographicException)
        {
            return "the public point does not lie on the curve";
        }
    }

    private static string? HostsProblem(string hosts)
    {
        foreach (var entry in hosts.Split(','))
        {
            var pattern = entry.StartsWith('!') ? entry[1..] : entry;
            if (pattern.Length == 0)
            {
                return $"has an empty name in its host field '{hosts}'. Collect the line again with ssh-keyscan.";
            }

            if (pattern.StartsWith('|') && !TryReadHashed(pattern, out _, out _))
            {
                return $"has a hashed host name '{pattern}' that is not of OpenSSH's form |1|salt|hash. Collect the line again with " +
                    "ssh-keyscan, or leave the host field out.";
            }
        }

        return null;
    }

    private static bool TryReadHashed(string pattern, out byte[] salt, out byte[] hash)
    {
        salt = hash = [];
        var parts = pattern[HashedHostPrefix.Length..].Split('|');
        return pattern.StartsWith(HashedHostPrefix, StringComparison.Ordinal) && parts.Length == 2 &&
            TryDecodeBase64(parts[0], out salt) && salt.Length == HashedHostSaltLength &&
            TryDecodeBase64(parts[1], out hash) && hash.Length == HashedHostSaltLength;
    }

    private static bool HashedMatches(string pattern, string name)
    {
        if (!TryReadHashed(pattern, out var salt, out var hash))
        {
            return false;
        }

        // OpenSSH's HashKnownHosts format: HMAC-SHA1 of the host name keyed with the salt. The format fixes the
        // algorithm; it identifies a host name here, it protects nothing.
        var computed = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
        return CryptographicOperations.FixedTimeEquals(computed, hash);
    }

    /// <summary>OpenSSH's match_pattern: <c>*</c> matches any run of characters, <c>?</c> any one.</summary>
    private static bool GlobMatches(string pattern, string name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Reads SSH wire strings (a big-endian uint32 length, then that many bytes).</summary>
    private ref struct WireReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> rest = data;

        public readonly int Remaining => rest.Length;

        public bool TryReadString(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (rest.Length < 4)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(rest);
            if (length > (uint)(rest.Length - 4))
            {
                return false;
            }

            value = rest.Slice(4, (int)length);
            rest = rest[(4 + (int)length)..];
            return true;
        }
    }
}
