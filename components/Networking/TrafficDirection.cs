namespace Platform.Components.Networking;

/// <summary>Which way the traffic of a <see cref="NetworkAllowance"/> flows, seen from the namespace's pods.</summary>
public enum TrafficDirection
{
    /// <summary>Traffic to the namespace's pods.</summary>
    Ingress,

    /// <summary>Traffic from the namespace's pods.</summary>
    Egress,
}
