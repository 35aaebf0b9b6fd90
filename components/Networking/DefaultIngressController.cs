namespace Platform.Components.Networking;

/// <summary>The controller of the default IngressClass, as the certificates layer needs it for HTTP-01.</summary>
/// <param name="Namespace">The controller's namespace.</param>
/// <param name="Ports">The (container port, protocol) pairs its pods serve plain HTTP on.</param>
public sealed record DefaultIngressController(string Namespace, IReadOnlyList<(int Port, string Protocol)> Ports);
