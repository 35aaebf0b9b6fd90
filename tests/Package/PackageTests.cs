using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Platform.Tests.Harness;

namespace Platform.Tests.Package;

/// <summary>Platform.Components packs as a NuGet package with its metadata: id, the version of Version.props, the
/// licence expression, the README, XML docs, a symbols package, the repository URL the operator gives, and the pinned
/// Pulumi packages as dependencies (eng/sample then builds and tests the sample against it).</summary>
public partial class PackageTests
{
    [Fact]
    public void The_package_carries_its_metadata_docs_symbols_and_pinned_dependencies()
    {
        var output = Directory.CreateTempSubdirectory("platform-pack-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepoRoot.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The assembly the tests were built with, packed as it is (no rebuild), against the same SDK (its output
            // folder says which: artifacts/bin/<sdk>/), and of the same configuration (pack's default is Release).
            var testOutput = AppContext.BaseDirectory.Replace('\\', '/');
            var sdk = testOutput.Contains("/bin/offline/", StringComparison.Ordinal) ? "offline" : "packages";
            var configuration = testOutput.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            foreach (var argument in new[] { "pack", "components/Platform.Components.csproj", "--no-build", "--nologo", "-v", "quiet", "-c", configuration, $"-p:PulumiSdk={sdk}",
                         "-p:RepositoryUrl=https://github.com/platform-team/platform", "-o", output })
                start.ArgumentList.Add(argument);
            using (var process = Process.Start(start)!)
            {
                var log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, log);
            }

            var version = VersionProperty().Match(File.ReadAllText(Path.Combine(RepoRoot.Path, "Version.props"))).Groups[1].Value;
            var package = Path.Combine(output, $"Platform.Components.{version}.nupkg");
            Assert.True(File.Exists(package), $"no {package}");
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/Platform.Components.dll", entries);
            Assert.Contains("lib/net10.0/Platform.Components.xml", entries);

            XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
            using var nuspecStream = zip.GetEntry("Platform.Components.nuspec")!.Open();
            var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
            Assert.Equal("Platform.Components", metadata.Element(ns + "id")!.Value);
            Assert.Equal(version, metadata.Element(ns + "version")!.Value);
            Assert.Equal("Apache-2.0", metadata.Element(ns + "license")!.Value);
            Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            Assert.Equal("https://github.com/platform-team/platform", metadata.Element(ns + "repository")!.Attribute("url")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));

            // The dependencies are the pins of Directory.Packages.props, whichever SDK the package was built against.
            var pins = PackageVersion().Matches(File.ReadAllText(Path.Combine(RepoRoot.Path, "Directory.Packages.props")))
                .ToDictionary(m => m.Groups["id"].Value, m => m.Groups["version"].Value, StringComparer.Ordinal);
            var dependencies = metadata.Descendants(ns + "dependency")
                .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value, StringComparer.Ordinal);
            Assert.Equal(["BouncyCastle.Cryptography", "Pulumi", "Pulumi.Command", "Pulumi.Kubernetes", "Pulumi.Random", "Pulumi.Tls", "YamlDotNet"], dependencies.Keys.Order(StringComparer.Ordinal));
            Assert.All(dependencies, d => Assert.Equal(pins[d.Key], d.Value));

            using var symbols = ZipFile.OpenRead(Path.ChangeExtension(package, ".snupkg"));
            Assert.Contains(symbols.Entries, e => e.FullName == "lib/net10.0/Platform.Components.pdb");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [GeneratedRegex("<PlatformComponentsVersion>([^<]+)</PlatformComponentsVersion>")]
    private static partial Regex VersionProperty();

    [GeneratedRegex("<PackageVersion Include=\"(?<id>[^\"]+)\" Version=\"(?<version>[^\"]+)\"")]
    private static partial Regex PackageVersion();
}
