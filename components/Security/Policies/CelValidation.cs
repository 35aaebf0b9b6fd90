namespace Platform.Components.Security.Policies;

/// <summary>One CEL validation of a ConstraintTemplate (Gatekeeper's <c>K8sNativeValidation</c> engine, the shape of
/// a ValidatingAdmissionPolicy's validations): the request is admitted when <see cref="Expression"/> is true.</summary>
internal sealed record CelValidation(string Expression, string MessageExpression);
