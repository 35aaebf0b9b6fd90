namespace Platform.Tests.Cluster;

/// <summary>SSH host public keys for tests, made with ssh-keygen for them (their private halves were discarded, no host
/// has them), with the fingerprints <c>ssh-keygen -lf</c> printed.</summary>
internal static class TestHostKeys
{
    public const string Ed25519A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8LDJzrkseVMRKIgHqTBRQmDe76pr6RVl/f";
    public const string Ed25519AFingerprint = "SHA256:Y7kNgETyR3kRX/EgwHrtCBmgZxW94Kw+wLBr+SOb2Go";
    public const string Ed25519B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO9BIemXmD7Zbe1ZRfqeCmhqSkgr7fXl5bLfhDEm/W6W";
    public const string Ed25519C = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJIBpMaZpqSwj62CxWxt3WgHuygvCfuv0GzKqJik0KIQ";
    public const string Ed25519D = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAKnjCMU17K8OI4VkNt8ulztBFMI12nCTxpqR7xkI1bh";
    public const string Ed25519E = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPKzscaS+AtbwA4mbmP3kouIZSlPSJbjnpnD+BmWBLmV";
    public const string Ed25519F = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEIInANESW1e/Z/8YjEOO+fi/26s6K8Oa5X1tWiC3u5K";

    /// <summary><see cref="Ed25519A"/> as <c>ssh-keygen -H</c> writes it for 10.0.0.11.</summary>
    public const string Ed25519AHashedFor10_0_0_11 = "|1|UkohgqXNB4V53BJkAXvgleqNAlY=|hjpKkj+RGSDndUBMXFdULk/+WUA= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8LDJzrkseVMRKIgHqTBRQmDe76pr6RVl/f";

    /// <summary><see cref="Ed25519A"/> as <c>ssh-keygen -H</c> writes it for [10.0.0.11]:2022.</summary>
    public const string Ed25519AHashedFor10_0_0_11Port2022 = "|1|YE8anhY3moxJcrsgOWLcu1Me8/s=|Kz8gc6ioCR/uowgmruVicv+2hSE= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8LDJzrkseVMRKIgHqTBRQmDe76pr6RVl/f";

    public const string EcdsaP256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMPNfUyhliP9Iqo88MqontYImLhbPPKAUj/Uj1AyH5Oinlcnsru8iNOQSQcio6KYSeLJRkVK7fyuIRiEyehSNDg=";
    public const string EcdsaP256Fingerprint = "SHA256:4fK7BpqMsXrsPx8zr2uB7FhFLJWwnrpdECEzuvpOmFQ";
    public const string EcdsaP384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBP1IHV2UAAOrIm+gaTcN2qdtZSUFFzAyF36CBHeeC7Txti5FMgmzmdil+Qzh+bdI+OXUWq2OzHZIy3ff8Zc/zkT9gVSHm3pQ8ZUn+F8XC77mVT5B/MQfRSmMs26cGhkLiw==";
    public const string EcdsaP384Fingerprint = "SHA256:83//TModOBkr9fqNiOl+b8Nw0hX+1q0ZESi9l6VxD7M";
    public const string EcdsaP521 = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBADX3gWGABLX+15BOl0fc1cTnvdh9QgpuHzzZZ14Cwe8SIj72FURdawXjWLbcDhVEQnbxJ6sA+ckwQRMFMttm43gHgGltRbNs3KWUdG/fTDAbGBRwXw7R3Z8EnskbeZ6/x4X389x/ApPtjpUPQmuPzls4tVvmnULJVxoTt8rf3wuOwZgqQ==";
    public const string Rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQD2sunm8gcILx4W1Uz15w8NLUW47E2AU/jFgkxhi9SzwLpfup7jfQ/3dDFJSAUkpVzVXYBf9hL0kJuLtGPpS0A2y4ABh7HzzZfNaHYqmR1jQnd4t60RvwKqC0DoUPNwkRCMFJtjp0mlvqDM+msyKK6BXOLck8+00zoiaBi5c7GZRiVTFhZSBgxrUcy34B8tbHHfXlt0iMxrPhIfEbbYbTNrYcJPDxkKWBUCf60HTW+HODILLYSpI1IvcNOfIfKTVi3zI9r+xGzFaXmQEFBpiYqVjPNkglvx97Pqhl0+6rlRqlqO9TrxuieuN+kuA80zKeJRJ26bK9cILBD66e/ru2/p";
    public const string Ed25519Certificate = "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIAwj4LF3ooT6pVXQL4xxh9iUMQEOgiCgV0or+ciRscjJAAAAIETmc7gx6kdyupbXN1h3LKa1RVmXQfCWbofbGzMf9wLZAAAAAAAAAAAAAAACAAAABGhvc3QAAAAIAAAABGNwLTEAAAAAAAAAAP//////////AAAAAAAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACAgzr8JRpQGgJd+1M/1rQ3FAw5c6foAjU/mIXmm0zlpjwAAAFMAAAALc3NoLWVkMjU1MTkAAABABxbaCIzTJirwUO4/I7MojVGQMSCMxNzGluhz3FaMoWx8WW+ODJ9stn2ZHRpM2S4c0wjKnOq5v7BkiJSn8lp5Cg==";
}
