using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Platform.Components.Cluster;
using static Platform.Tests.Cluster.TestHostKeys;

namespace Platform.Tests.Cluster;

public class SshHostKeyTests
{
    /// <summary>SSH wire data: each part as a string (uint32 length, then the bytes).</summary>
    private static string Wire(params object[] parts)
    {
        var data = new List<byte>();
        foreach (var part in parts)
        {
            var bytes = part as byte[] ?? Encoding.ASCII.GetBytes((string)part);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            data.AddRange(length);
            data.AddRange(bytes);
        }
        return Convert.ToBase64String(data.ToArray());
    }

    private static string Problem(string text)
    {
        Assert.False(SshHostKey.TryParse(text, out var key, out var problem), $"accepted: {key}");
        Assert.Throws<FormatException>(() => SshHostKey.Parse(text));
        return problem;
    }

    public static TheoryData<string> Ed25519AForms() => new()
    {
        Ed25519A,
        Ed25519A + " root@cp-1",
        "  " + Ed25519A.Replace(" ", "\t", StringComparison.Ordinal) + "  \n",
        "10.0.0.11 " + Ed25519A,
        "[10.0.0.11]:2022 " + Ed25519A,
        "cp-1.example.internal,10.0.0.11 " + Ed25519A + " a comment",
        Ed25519AHashedFor10_0_0_11,
        "# 10.0.0.11:22 SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n10.0.0.11 " + Ed25519A + "\r\n",
        "ssh-1 " + Ed25519A,
    };

    [Theory]
    [MemberData(nameof(Ed25519AForms))]
    public void Every_form_an_operator_pastes_gives_the_key_alone_as_the_provider_takes_it(string text)
    {
        var key = SshHostKey.Parse(text);
        Assert.Equal(Ed25519A, key.ToString());
        Assert.Equal("ssh-ed25519", key.Type);
        Assert.Equal(Ed25519AFingerprint, key.Fingerprint);
    }

    [Theory]
    [InlineData(EcdsaP256, "ecdsa-sha2-nistp256", EcdsaP256Fingerprint)]
    [InlineData(EcdsaP384, "ecdsa-sha2-nistp384", EcdsaP384Fingerprint)]
    [InlineData(EcdsaP521, "ecdsa-sha2-nistp521", null)]
    public void Ecdsa_keys_on_the_three_nist_curves_can_be_pinned(string text, string type, string? fingerprint)
    {
        var key = SshHostKey.Parse("10.0.0.11 " + text);
        Assert.Equal(type, key.Type);
        Assert.Equal(text, key.ToString());
        if (fingerprint != null) Assert.Equal(fingerprint, key.Fingerprint);
    }

    [Fact]
    public void The_host_field_is_kept_apart_from_the_key()
    {
        Assert.Null(SshHostKey.Parse(Ed25519A + " root@cp-1").Hosts);
        Assert.Equal("[10.0.0.11]:2022", SshHostKey.Parse("[10.0.0.11]:2022 " + Ed25519A).Hosts);
    }

    [Theory]
    [InlineData("10.0.0.11 ", "10.0.0.11", 22, true)]
    [InlineData("10.0.0.11 ", "10.0.0.12", 22, false)]
    [InlineData("10.0.0.11 ", "10.0.0.11", 2022, false)]
    [InlineData("[10.0.0.11]:2022 ", "10.0.0.11", 2022, true)]
    [InlineData("[10.0.0.11]:2022 ", "10.0.0.11", 22, false)]
    [InlineData("CP-1.Example.Internal,10.0.0.11 ", "cp-1.example.internal", 22, true)]
    [InlineData("*.example.internal ", "cp-1.example.internal", 22, true)]
    [InlineData("10.0.0.1? ", "10.0.0.11", 22, true)]
    [InlineData("10.0.0.1? ", "10.0.0.111", 22, false)]
    [InlineData("*.example.internal,!cp-1.example.internal ", "cp-1.example.internal", 22, false)]
    [InlineData("", "10.0.0.11", 22, null)]
    public void Names_matches_the_host_field_as_openssh_does(string hosts, string host, int port, bool? expected) =>
        Assert.Equal(expected, SshHostKey.Parse(hosts + Ed25519A).Names(host, port));

    [Fact]
    public void Hashed_host_names_are_matched_by_their_hmac()
    {
        var hashed = SshHostKey.Parse(Ed25519AHashedFor10_0_0_11);
        Assert.True(hashed.Names("10.0.0.11", 22));
        Assert.False(hashed.Names("10.0.0.12", 22));
        Assert.False(hashed.Names("10.0.0.11", 2022));
        var withPort = SshHostKey.Parse(Ed25519AHashedFor10_0_0_11Port2022);
        Assert.True(withPort.Names("10.0.0.11", 2022));
        Assert.False(withPort.Names("10.0.0.11", 22));
    }

    [Theory]
    [InlineData("10.0.0.11", 22, "10.0.0.11")]
    [InlineData("CP-1.example.internal", 22, "cp-1.example.internal")]
    [InlineData("10.0.0.11", 2022, "[10.0.0.11]:2022")]
    public void Host_names_are_looked_up_as_known_hosts_writes_them(string host, int port, string expected) =>
        Assert.Equal(expected, SshHostKey.HostName(host, port));

    [Fact]
    public void An_empty_value_is_refused() => Assert.Equal("is empty.", Problem("  \n# only a comment\n"));

    [Fact]
    public void Several_keys_are_refused_as_only_one_can_be_pinned() =>
        Assert.Equal("holds 2 lines. A connection pins one key: keep only the line of the host's ssh-ed25519 key.",
            Problem($"10.0.0.11 {EcdsaP256}\n10.0.0.11 {Ed25519A}\n"));

    [Theory]
    [InlineData("@cert-authority *.example.internal ", "is a known_hosts @cert-authority line: the key of a CA that signs host certificates, not of a host. Pin the host's own key.")]
    [InlineData("@revoked 10.0.0.11 ", "is a known_hosts @revoked line, which marks a key not to trust. Pin the host's current key.")]
    [InlineData("@trusted 10.0.0.11 ", "starts with the marker '@trusted', which known_hosts does not know. Paste the host's key line without it.")]
    public void Known_hosts_markers_are_refused(string prefix, string expected) => Assert.Equal(expected, Problem(prefix + Ed25519A));

    [Fact]
    public void Rsa_keys_are_refused_because_the_provider_would_offer_only_sha1_signatures() =>
        Assert.Equal("is an RSA key (ssh-rsa). RSA host keys cannot be pinned: Pulumi.Command then offers the host only the SHA-1 " +
            "ssh-rsa signature, which OpenSSH 8.8 and later refuse. Pin the host's ssh-ed25519 key (or an ECDSA one).", Problem("10.0.0.11 " + Rsa));

    [Theory]
    [InlineData("ssh-dss", "is a DSA key (ssh-dss), which OpenSSH no longer supports. Pin the host's ssh-ed25519 key.")]
    [InlineData("sk-ssh-ed25519@openssh.com", "is a security-key type (sk-ssh-ed25519@openssh.com), which SSH servers do not use as host keys. Pin the host's ssh-ed25519 key.")]
    [InlineData("ssh-foo", "has key type 'ssh-foo', which is not one Platform can pin. Use ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384 or ecdsa-sha2-nistp521.")]
    public void Other_key_types_are_refused_with_the_reason(string type, string expected) =>
        Assert.Equal(expected, Problem($"{type} {Wire(type, new byte[32])}"));

    [Fact]
    public void Host_certificates_are_refused_in_favour_of_the_key_itself() =>
        Assert.Equal("is a host certificate (ssh-ed25519-cert-v01@openssh.com), not a host key. Pin the key itself (the .pub file without -cert, or what ssh-keyscan prints).",
            Problem(Ed25519Certificate));

    [Theory]
    [InlineData("not a key at all")]
    [InlineData("10.0.0.11")]
    [InlineData("AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8LDJzrkseVMRKIgHqTBRQmDe76pr6RVl/f")]
    [InlineData("ssh-ed25519")]
    public void Text_that_is_no_key_is_refused(string text) =>
        Assert.StartsWith("is not an SSH public key: expected a key type and its base64 data", Problem(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8LDJzrkseVMRKIgHqTBRQmDe76pr6RVl/")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8LDJzrkseVMRKIgHqTBRQmDe76pr6RVl/f=")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8LDJzrkseVMRKIgHqTBRQmDe76pr6RV*/f")]
    public void Key_data_that_is_not_base64_is_refused(string text) =>
        Assert.Equal("has ssh-ed25519 key data that is not valid base64 (was the line cut short or wrapped?).", Problem(text));

    [Fact]
    public void Key_data_of_another_type_than_declared_is_refused()
    {
        var ecdsaData = EcdsaP256.Split(' ')[1];
        Assert.Equal("declares type ssh-ed25519, but its key data is of type ecdsa-sha2-nistp256: the type and the base64 text come from " +
            "different lines. Copy the whole line again.", Problem("ssh-ed25519 " + ecdsaData));
    }

    [Theory]
    [InlineData(31, "the public key is 31 bytes, not 32")]
    [InlineData(33, "the public key is 33 bytes, not 32")]
    public void Ed25519_keys_of_the_wrong_size_are_refused(int size, string reason) =>
        Assert.Equal($"has ssh-ed25519 key data that is not valid: {reason}. Copy the whole line again.",
            Problem("ssh-ed25519 " + Wire("ssh-ed25519", new byte[size])));

    [Fact]
    public void Key_data_cut_short_or_with_trailing_bytes_is_refused()
    {
        var data = Convert.FromBase64String(Ed25519A.Split(' ')[1]);
        Assert.Equal("has ssh-ed25519 key data that is not valid: the public key is missing or cut short. Copy the whole line again.",
            Problem("ssh-ed25519 " + Convert.ToBase64String(data[..^3])));
        Assert.Equal("has ssh-ed25519 key data that goes on after the key. Copy the whole line again.",
            Problem("ssh-ed25519 " + Convert.ToBase64String([.. data, 0, 0, 0, 0])));
        Assert.Equal("has ssh-ed25519 key data that is not SSH key data (was the line cut short?).",
            Problem("ssh-ed25519 " + Convert.ToBase64String([0, 0, 0, 99, 1, 2])));
    }

    [Fact]
    public void Ecdsa_keys_must_name_their_curve_and_hold_a_point_on_it()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        byte[] Point(byte[] x, byte[] y) => [0x04, .. x, .. y];
        Assert.Equal("ecdsa-sha2-nistp256", SshHostKey.Parse($"ecdsa-sha2-nistp256 {Wire("ecdsa-sha2-nistp256", "nistp256", Point(q.X!, q.Y!))}").Type);

        string Reason(string curve, byte[] point) =>
            Problem($"ecdsa-sha2-nistp256 {Wire("ecdsa-sha2-nistp256", curve, point)}");
        Assert.Contains("it names the curve 'nistp384', not nistp256", Reason("nistp384", Point(q.X!, q.Y!)), StringComparison.Ordinal);
        var offCurve = (byte[])q.Y!.Clone();
        offCurve[^1] ^= 1;
        Assert.Contains("the public point does not lie on the curve", Reason("nistp256", Point(q.X!, offCurve)), StringComparison.Ordinal);
        Assert.Contains("the public point is not an uncompressed point of the curve", Reason("nistp256", [0x02, .. q.X!]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("|1|abc|def ")]
    [InlineData("|2|UkohgqXNB4V53BJkAXvgleqNAlY=|hjpKkj+RGSDndUBMXFdULk/+WUA= ")]
    public void Malformed_hashed_host_names_are_refused(string hosts) =>
        Assert.StartsWith($"has a hashed host name '{hosts.Trim()}' that is not of OpenSSH's form |1|salt|hash.", Problem(hosts + Ed25519A), StringComparison.Ordinal);

    [Fact]
    public void The_warning_names_every_node_and_bastion_without_a_host_key()
    {
        var bastion = new SshBastion { Host = "bastion.example.internal", User = "jump" };
        var nodes = new[]
        {
            new ClusterNode { Name = "cp-1", Address = "10.0.0.11", Role = NodeRole.ControlPlane, HostKey = Ed25519A, Bastion = bastion },
            new ClusterNode { Name = "worker-1", Address = "10.0.1.11", Role = NodeRole.Worker, Bastion = bastion },
            new ClusterNode { Name = "worker-2", Address = "10.0.1.12", Role = NodeRole.Worker,
                Bastion = new SshBastion { Host = "10.9.0.1", User = "jump", Port = 2222 } },
            new ClusterNode { Name = "worker-3", Address = "10.0.1.13", Role = NodeRole.Worker, HostKey = Ed25519B,
                Bastion = bastion with { Host = "10.9.0.2", HostKey = Ed25519C } },
        };

        var warning = SshHostKey.UnpinnedWarning(nodes);

        Assert.NotNull(warning);
        Assert.StartsWith("SSH host keys are not pinned for node worker-1 (10.0.1.11), node worker-2 (10.0.1.12), bastion " +
            "bastion.example.internal and bastion 10.9.0.1:2222: Platform's commands accept whatever key answers there", warning, StringComparison.Ordinal);
        Assert.Contains("the cluster's CA keys, service-account key, Secrets encryption key and join tokens", warning, StringComparison.Ordinal);
        Assert.Contains("`ssh-keyscan -t ed25519 <address>`", warning, StringComparison.Ordinal);
        Assert.Contains("README: Host keys", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("cp-1", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("worker-3", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.0.2", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void There_is_no_warning_when_every_node_and_bastion_has_its_key()
    {
        var nodes = new[]
        {
            new ClusterNode { Name = "cp-1", Address = "10.0.0.11", Role = NodeRole.ControlPlane, HostKey = Ed25519A,
                Bastion = new SshBastion { Host = "10.9.0.1", User = "jump", HostKey = Ed25519C } },
            new ClusterNode { Name = "worker-1", Address = "10.0.1.11", Role = NodeRole.Worker, HostKey = Ed25519B },
        };
        Assert.Null(SshHostKey.UnpinnedWarning(nodes));
    }

    [Fact]
    public void A_single_unpinned_node_is_named_alone()
    {
        var node = new ClusterNode { Name = "cp-1", Address = "10.0.0.11", Role = NodeRole.ControlPlane };
        Assert.StartsWith("SSH host keys are not pinned for node cp-1 (10.0.0.11): ", SshHostKey.UnpinnedWarning([node]), StringComparison.Ordinal);
    }
}
