#!/usr/bin/env python3
"""Writes the offline SDK's provider stand-ins (Pulumi.Kubernetes/Command/Random/Tls) from the pinned API listings.

The listings (../shared/pulumi-api/*.api.txt beside the repository) give every public member of the pinned packages
with its [Input]/[Output] wire names. This script turns the types named in MANIFEST below into C#, keeping only
members whose types exist in the offline SDK, so the result is a strict subset of the real API by construction.
Behaviour the listing cannot show (type tokens, argument defaults set by constructors) is declared in MANIFEST.

Usage: eng/offline-sdk/generator/generate.py   (rewrites eng/offline-sdk/<package>/Generated/*.g.cs)
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SDK = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(SDK))
API = os.environ.get("PULUMI_API_DIR", os.path.join(os.path.dirname(REPO), "shared", "pulumi-api"))

# type -> (package folder, type token or None, {"args": expression for the args passed to the base constructor,
#                                               "ctor": statements for an args class constructor})
MANIFEST = {
    # Pulumi.Random
    "Pulumi.Random.RandomPassword": ("Pulumi.Random", "random:index/randomPassword:RandomPassword", {}),
    "Pulumi.Random.RandomPasswordArgs": ("Pulumi.Random", None, {}),
    "Pulumi.Random.RandomString": ("Pulumi.Random", "random:index/randomString:RandomString", {}),
    "Pulumi.Random.RandomStringArgs": ("Pulumi.Random", None, {}),
    "Pulumi.Random.RandomId": ("Pulumi.Random", "random:index/randomId:RandomId", {}),
    "Pulumi.Random.RandomIdArgs": ("Pulumi.Random", None, {}),
    "Pulumi.Random.RandomBytes": ("Pulumi.Random", "random:index/randomBytes:RandomBytes", {}),
    "Pulumi.Random.RandomBytesArgs": ("Pulumi.Random", None, {}),
    # Pulumi.Tls
    "Pulumi.Tls.PrivateKey": ("Pulumi.Tls", "tls:index/privateKey:PrivateKey", {}),
    "Pulumi.Tls.PrivateKeyArgs": ("Pulumi.Tls", None, {}),
    "Pulumi.Tls.SelfSignedCert": ("Pulumi.Tls", "tls:index/selfSignedCert:SelfSignedCert", {}),
    "Pulumi.Tls.SelfSignedCertArgs": ("Pulumi.Tls", None, {}),
    "Pulumi.Tls.CertRequest": ("Pulumi.Tls", "tls:index/certRequest:CertRequest", {}),
    "Pulumi.Tls.CertRequestArgs": ("Pulumi.Tls", None, {}),
    "Pulumi.Tls.LocallySignedCert": ("Pulumi.Tls", "tls:index/locallySignedCert:LocallySignedCert", {}),
    "Pulumi.Tls.LocallySignedCertArgs": ("Pulumi.Tls", None, {}),
    "Pulumi.Tls.Inputs.SelfSignedCertSubjectArgs": ("Pulumi.Tls", None, {}),
    "Pulumi.Tls.Inputs.CertRequestSubjectArgs": ("Pulumi.Tls", None, {}),
    "Pulumi.Tls.Outputs.SelfSignedCertSubject": ("Pulumi.Tls", None, {}),
    "Pulumi.Tls.Outputs.CertRequestSubject": ("Pulumi.Tls", None, {}),
    # Pulumi.Command
    "Pulumi.Command.Remote.Command": ("Pulumi.Command", "command:remote:Command", {}),
    "Pulumi.Command.Remote.CommandArgs": ("Pulumi.Command", None, {}),
    "Pulumi.Command.Remote.CopyToRemote": ("Pulumi.Command", "command:remote:CopyToRemote", {}),
    "Pulumi.Command.Remote.CopyToRemoteArgs": ("Pulumi.Command", None, {}),
    "Pulumi.Command.Remote.Inputs.ConnectionArgs": ("Pulumi.Command", None, {
        "ctor": ["DialErrorLimit = 10;", "PerDialTimeout = 15;", "Port = 22;", "User = \"root\";"]}),
    "Pulumi.Command.Remote.Inputs.ProxyConnectionArgs": ("Pulumi.Command", None, {
        "ctor": ["DialErrorLimit = 10;", "PerDialTimeout = 15;", "Port = 22;", "User = \"root\";"]}),
    "Pulumi.Command.Remote.Outputs.Connection": ("Pulumi.Command", None, {}),
    "Pulumi.Command.Remote.Outputs.ProxyConnection": ("Pulumi.Command", None, {}),
    "Pulumi.Command.Remote.Logging": ("Pulumi.Command", None, {}),
    "Pulumi.Command.Local.Command": ("Pulumi.Command", "command:local:Command", {}),
    "Pulumi.Command.Local.CommandArgs": ("Pulumi.Command", None, {}),
    "Pulumi.Command.Local.Logging": ("Pulumi.Command", None, {}),
    # Pulumi.Kubernetes
    "Pulumi.Kubernetes.Provider": ("Pulumi.Kubernetes", "kubernetes", {}),
    "Pulumi.Kubernetes.ProviderArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Helm.V3.Release": ("Pulumi.Kubernetes", "kubernetes:helm.sh/v3:Release", {
        "args": "WithCompat(args)"}),
    "Pulumi.Kubernetes.Types.Inputs.Helm.V3.ReleaseArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Helm.V3.RepositoryOptsArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Outputs.Helm.V3.ReleaseStatus": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Outputs.Helm.V3.RepositoryOpts": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Core.V1.Namespace": ("Pulumi.Kubernetes", "kubernetes:core/v1:Namespace", {
        "args": "WithKind(args, \"v1\", \"Namespace\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.NamespaceArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Core.V1.Secret": ("Pulumi.Kubernetes", "kubernetes:core/v1:Secret", {
        "args": "WithKind(args, \"v1\", \"Secret\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Core.V1.ConfigMap": ("Pulumi.Kubernetes", "kubernetes:core/v1:ConfigMap", {
        "args": "WithKind(args, \"v1\", \"ConfigMap\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ConfigMapArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Outputs.Meta.V1.ObjectMeta": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Yaml.V2.ConfigGroupArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Networking.V1.NetworkPolicy": ("Pulumi.Kubernetes", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
        "args": "WithKind(args, \"networking.k8s.io/v1\", \"NetworkPolicy\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Networking.V1.NetworkPolicyArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Networking.V1.NetworkPolicySpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Networking.V1.NetworkPolicyIngressRuleArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Networking.V1.NetworkPolicyEgressRuleArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Networking.V1.NetworkPolicyPeerArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Networking.V1.NetworkPolicyPortArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Networking.V1.IPBlockArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Meta.V1.LabelSelectorArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Meta.V1.LabelSelectorRequirementArgs": ("Pulumi.Kubernetes", None, {}),
    # Teams' namespaces (components/Tenancy): quota, limit range and the team's RoleBinding.
    "Pulumi.Kubernetes.Core.V1.ResourceQuota": ("Pulumi.Kubernetes", "kubernetes:core/v1:ResourceQuota", {
        "args": "WithKind(args, \"v1\", \"ResourceQuota\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ResourceQuotaArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ResourceQuotaSpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Core.V1.LimitRange": ("Pulumi.Kubernetes", "kubernetes:core/v1:LimitRange", {
        "args": "WithKind(args, \"v1\", \"LimitRange\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.LimitRangeArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.LimitRangeSpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.LimitRangeItemArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Rbac.V1.RoleBinding": ("Pulumi.Kubernetes", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", {
        "args": "WithKind(args, \"rbac.authorization.k8s.io/v1\", \"RoleBinding\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Rbac.V1.RoleBindingArgs": ("Pulumi.Kubernetes", None, {}),
    # The metrics proxies (Observability/Scraping/ControlPlaneMetricsProxy).
    "Pulumi.Kubernetes.Apps.V1.DaemonSet": ("Pulumi.Kubernetes", "kubernetes:apps/v1:DaemonSet", {
        "args": "WithKind(args, \"apps/v1\", \"DaemonSet\")"}),
    "Pulumi.Kubernetes.Batch.V1.Job": ("Pulumi.Kubernetes", "kubernetes:batch/v1:Job", {
        "args": "WithKind(args, \"batch/v1\", \"Job\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Batch.V1.JobArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Batch.V1.JobSpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretKeySelectorArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.EmptyDirVolumeSourceArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Core.V1.Service": ("Pulumi.Kubernetes", "kubernetes:core/v1:Service", {
        "args": "WithKind(args, \"v1\", \"Service\")"}),
    "Pulumi.Kubernetes.Core.V1.ServiceAccount": ("Pulumi.Kubernetes", "kubernetes:core/v1:ServiceAccount", {
        "args": "WithKind(args, \"v1\", \"ServiceAccount\")"}),
    "Pulumi.Kubernetes.Rbac.V1.ClusterRole": ("Pulumi.Kubernetes", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", {
        "args": "WithKind(args, \"rbac.authorization.k8s.io/v1\", \"ClusterRole\")"}),
    "Pulumi.Kubernetes.Rbac.V1.ClusterRoleBinding": ("Pulumi.Kubernetes", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", {
        "args": "WithKind(args, \"rbac.authorization.k8s.io/v1\", \"ClusterRoleBinding\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Apps.V1.DaemonSetArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Apps.V1.DaemonSetSpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Apps.V1.DaemonSetUpdateStrategyArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Apps.V1.RollingUpdateDaemonSetArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.PodTemplateSpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.PodSpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ContainerArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ContainerPortArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.EnvVarArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.EnvVarSourceArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ObjectFieldSelectorArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.VolumeMountArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.VolumeArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretVolumeSourceArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ConfigMapVolumeSourceArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.KeyToPathArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.TolerationArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.SecurityContextArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.CapabilitiesArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.SeccompProfileArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.PodSecurityContextArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ProbeArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.TCPSocketActionArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ResourceRequirementsArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceAccountArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceSpecArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ServicePortArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Rbac.V1.ClusterRoleArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Rbac.V1.PolicyRuleArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Rbac.V1.ClusterRoleBindingArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Rbac.V1.RoleRefArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Rbac.V1.SubjectArgs": ("Pulumi.Kubernetes", None, {}),
    # The logging layer's setup Job and its ConfigMap (Observability/LoggingLayer).
    "Pulumi.Kubernetes.Core.V1.ConfigMap": ("Pulumi.Kubernetes", "kubernetes:core/v1:ConfigMap", {
        "args": "WithKind(args, \"v1\", \"ConfigMap\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Core.V1.ConfigMapArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Batch.V1.Job": ("Pulumi.Kubernetes", "kubernetes:batch/v1:Job", {
        "args": "WithKind(args, \"batch/v1\", \"Job\")"}),
    "Pulumi.Kubernetes.Types.Inputs.Batch.V1.JobArgs": ("Pulumi.Kubernetes", None, {}),
    "Pulumi.Kubernetes.Types.Inputs.Batch.V1.JobSpecArgs": ("Pulumi.Kubernetes", None, {}),
}

# Hand-written types of each package (they need behaviour the listing cannot express).
HAND_WRITTEN = {
    "Pulumi.Kubernetes.KubernetesResource", "Pulumi.Kubernetes.Yaml.V2.ConfigGroup",
    "Pulumi.Kubernetes.ApiExtensions.CustomResource", "Pulumi.Kubernetes.ApiExtensions.CustomResourceArgs",
}

KINDS = ("static class ", "abstract class ", "sealed class ", "class ", "interface ", "struct ", "enum ")


def read_listing():
    types = {}
    current = None
    for name in sorted(os.listdir(API)):
        if not name.endswith(".api.txt"):
            continue
        for line in open(os.path.join(API, name), encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("  "):
                if current:
                    types[current]["members"].append(line[2:])
            elif line:
                kind = next(k for k in KINDS if line.startswith(k))
                rest = line[len(kind):]
                tname, _, bases = rest.partition(" : ")
                current = tname
                types[tname] = {"kind": kind.strip(), "bases": bases, "members": []}
    return types


def core_types():
    """Public types of the built offline Pulumi.dll (api-check dump)."""
    dll = os.path.join(REPO, "artifacts", "offline-sdk", "Pulumi.dll")
    tool = os.path.join(os.path.dirname(API), "tools", "api-check", "api-check")
    out = subprocess.run([tool, "dump", dll], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        if line and not line.startswith("  "):
            kind = next(k for k in KINDS if line.startswith(k))
            names.add(line[len(kind):].partition(" : ")[0].split("<")[0])
    return names


def referenced(text):
    return set(re.findall(r"Pulumi(?:\.[A-Za-z0-9_]+)+", text))


def available(text, known, own=None):
    for ref in referenced(text):
        if own and ref.startswith(own + "."):
            ref_rest = ref[len(own) + 1:]
            if "." not in ref_rest:
                continue  # the member's own name
        if ref in known:
            continue
        # generic definitions are listed without arguments, e.g. Pulumi.Input<T>
        return False
    return True


def g(text):
    """Fully-qualify Pulumi and System names for generated code."""
    return re.sub(r"(?<![A-Za-z0-9_.:])(Pulumi|System)\.", r"global::\1.", text)


def camel(name):
    return name[0].lower() + name[1:]


def split_params(params):
    out, depth, cur = [], 0, ""
    for ch in params:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def emit(tname, info, known):
    package, token, hooks = MANIFEST[tname]
    ns, _, short = tname.rpartition(".")
    kind, bases, members = info["kind"], info["bases"], info["members"]
    lines = ["// <auto-generated> by eng/offline-sdk/generator/generate.py from the pinned API listing. </auto-generated>",
             "#nullable disable", f"namespace {ns}", "{"]
    body = []
    prop_re = re.compile(r"^(?P<attr>\[(?:Input|Output)\([^\]]*\)\] )?(?P<static>static )?(?P<type>.+) " + re.escape(tname) + r"\.(?P<name>[A-Za-z0-9_]+) \{ (?P<acc>[^}]*)\}$")
    if kind == "struct" and "System.IEquatable" in bases:
        values = [m for m in members if m.startswith(f"static {tname} {tname}.")]
        lines.append("    [global::Pulumi.EnumType]")
        lines.append(f"    public readonly struct {short} : global::System.IEquatable<{short}>")
        lines.append("    {")
        lines.append("        private readonly string _value;")
        lines.append(f"        private {short}(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));")
        for m in values:
            name = m.split(".")[-1].split(" ")[0]
            lines.append(f"        public static {short} {name} {{ get; }} = new {short}(\"{camel(name)}\");")
        lines += [f"        public static bool operator ==({short} left, {short} right) => left.Equals(right);",
                  f"        public static bool operator !=({short} left, {short} right) => !left.Equals(right);",
                  f"        public static explicit operator string({short} value) => value._value;",
                  f"        public override bool Equals(object obj) => obj is {short} other && Equals(other);",
                  f"        public bool Equals({short} other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);",
                  "        public override int GetHashCode() => _value?.GetHashCode(global::System.StringComparison.Ordinal) ?? 0;",
                  "        public override string ToString() => _value;", "    }", "}"]
        return "\n".join(lines) + "\n"

    is_output_type = all(m.startswith("readonly ") for m in members) and members
    modifier = {"sealed class": "public sealed class", "class": "public class", "abstract class": "public abstract class"}[kind]
    if is_output_type:
        lines.append("    [global::Pulumi.OutputType]")
    lines.append(f"    {modifier} {short}" + (f" : {g(bases)}" if bases else ""))
    lines.append("    {")
    if is_output_type:
        fields = []
        for m in members:
            mt = re.match(r"^readonly (?P<type>.+) " + re.escape(tname) + r"\.(?P<name>[A-Za-z0-9_]+)$", m)
            if mt and available(mt.group("type"), known):
                fields.append((mt.group("type"), mt.group("name")))
        for ftype, fname in fields:
            body.append(f"        public readonly {g(ftype)} {fname};")
        params = ", ".join(f"{g(t)} @{camel(n)}" for t, n in fields)
        body.append("        [global::Pulumi.OutputConstructor]")
        body.append(f"        private {short}({params})")
        body.append("        {")
        for _, fname in fields:
            body.append(f"            {fname} = @{camel(fname)};")
        body.append("        }")
    else:
        for m in members:
            if m.startswith(tname + "("):
                params = m[len(tname) + 1:-1]
                if not available(params, known):
                    continue
                ps = split_params(params)
                if bases.startswith("Pulumi.ResourceArgs"):
                    body.append(f"        public {short}()")
                    body.append("        {")
                    body += ["            " + s for s in hooks.get("ctor", [])]
                    body.append("        }")
                    continue
                names = [p.split(" ")[1] for p in ps]
                args_expr = hooks.get("args", f"{names[1]} ?? new {g(ps[1].split(' ')[0])}()")
                if bases == "Pulumi.ProviderResource":
                    base_call = f"base(\"{token}\", {names[0]}, {args_expr}, {names[2]})"
                else:
                    base_call = f"base(\"{token}\", {names[0]}, {args_expr}, {names[2]})"
                body.append(f"        public {short}({g(params)})")
                body.append(f"            : {base_call}")
                body.append("        {")
                body.append("        }")
                continue
            mp = prop_re.match(m)
            if not mp:
                continue
            ptype, pname, acc, attr = mp.group("type"), mp.group("name"), mp.group("acc"), mp.group("attr")
            if not available(ptype, known):
                continue
            if mp.group("static"):
                if pname == "Empty":
                    body.append(f"        public static new {short} Empty => new {short}();")
                continue
            if attr and attr.startswith("[Output"):
                body.append(f"        {g(attr.replace('Output(', 'global::Pulumi.Output('))}public {g(ptype)} {pname} {{ get; private set; }}")
            elif attr:
                body.append(f"        {attr.replace('[Input(', '[global::Pulumi.Input(')}public {g(ptype)} {pname} {{ get; set; }}")
            else:
                field = "_" + camel(pname)
                gt = g(ptype)
                body.append(f"        [global::Pulumi.Input(\"{camel(pname)}\")]")
                body.append(f"        private {gt} {field};")
                if ptype.startswith("Pulumi.InputList<") or ptype.startswith("Pulumi.InputMap<"):
                    body.append(f"        public {gt} {pname} {{ get => {field} ??= new {gt}(); set => {field} = value; }}")
                else:
                    # Inputs without an attribute on the property are secrets: the setter marks them secret.
                    body.append(f"        public {gt} {pname}")
                    body.append("        {")
                    body.append(f"            get => {field};")
                    body.append(f"            set => {field} = value == null ? null : global::Pulumi.Output.CreateSecret(global::Pulumi.InputExtensions.ToOutput(value));")
                    body.append("        }")
    lines += body
    lines += ["    }", "}"]
    return "\n".join(lines) + "\n"


def main():
    listing = read_listing()
    known = core_types() | set(MANIFEST) | HAND_WRITTEN
    missing = [t for t in MANIFEST if t not in listing]
    if missing:
        sys.exit("not in the pinned API: " + ", ".join(missing))
    written = {}
    for tname in sorted(MANIFEST):
        package = MANIFEST[tname][0]
        folder = os.path.join(SDK, package, "Generated")
        os.makedirs(folder, exist_ok=True)
        rel = tname[len(package) + 1:] if tname.startswith(package + ".") else tname
        path = os.path.join(folder, rel + ".g.cs")
        with open(path, "w", encoding="utf-8") as f:
            f.write(emit(tname, listing[tname], known))
        written.setdefault(folder, set()).add(os.path.basename(path))
    for folder, names in written.items():
        for stale in set(os.listdir(folder)) - names:
            os.remove(os.path.join(folder, stale))
    print(f"generated {sum(len(n) for n in written.values())} types")


if __name__ == "__main__":
    main()
