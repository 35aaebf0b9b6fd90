namespace Platform.Components.Security.Policies;

/// <summary>One named CEL expression of a ConstraintTemplate, read by later ones as <c>variables.&lt;Name&gt;</c>.</summary>
internal sealed record CelVariable(string Name, string Expression);
