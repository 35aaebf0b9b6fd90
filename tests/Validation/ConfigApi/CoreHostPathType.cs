using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>core/v1 <c>HostPathType</c> (kubernetes/api core/v1/types.go, the <c>HostPath*</c> constants, identical at
/// tags kubernetes-1.30.0 to kubernetes-1.36.0): the <c>pathType</c> of a kubeadm <c>extraVolumes</c> entry.</summary>
[JsonConverter(typeof(ExactStringEnumConverter<CoreHostPathType>))]
public enum CoreHostPathType
{
    /// <summary><c>""</c>: no check.</summary>
    [JsonStringEnumMemberName("")]
    Unset,

    /// <summary><c>DirectoryOrCreate</c>.</summary>
    DirectoryOrCreate,

    /// <summary><c>Directory</c>.</summary>
    Directory,

    /// <summary><c>FileOrCreate</c>.</summary>
    FileOrCreate,

    /// <summary><c>File</c>.</summary>
    File,

    /// <summary><c>Socket</c>.</summary>
    Socket,

    /// <summary><c>CharDevice</c>.</summary>
    CharDevice,

    /// <summary><c>BlockDevice</c>.</summary>
    BlockDevice,
}
