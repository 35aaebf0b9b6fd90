using System.Collections.Immutable;
using System.Reflection;
using Pulumi.Testing;

namespace Pulumi
{
    internal sealed partial class Engine
    {
        /// <summary>
        /// Registers a resource as its constructor runs: defaults the parent to the stack, applies transformations,
        /// resolves providers, creates its output properties, then registers it with the mocks asynchronously.
        /// </summary>
        public void Register(Resource resource, bool custom, bool remote, ResourceArgs args, ResourceOptions options)
        {
            var type = resource.GetResourceType();
            var name = resource.GetResourceName();
            var isStack = type == Stack.TypeToken;
            options = Copy(options);
            if (isStack)
            {
                if (Root != null) throw new InvalidOperationException("A program has exactly one stack; it has already been created.");
                Root = (Stack)resource;
            }
            else
            {
                options.Parent ??= Root ?? throw new InvalidOperationException($"Resource '{name}' has no stack to belong to.");
            }

            var parent = options.Parent;
            resource.ParentResource = parent;
            resource.Transformations = options.ResourceTransformations.ToImmutableList()
                .AddRange(parent?.Transformations ?? ImmutableList<ResourceTransformation>.Empty);
            foreach (var transformation in resource.Transformations)
            {
                if (transformation(new ResourceTransformationArgs(resource, args, options)) is not { } result) continue;
                if (result.Options.Parent != options.Parent)
                    throw new ArgumentException("Transformations cannot currently be used to change the `parent` of a resource.");
                args = result.Args;
                options = Copy(result.Options);
            }

            var providers = parent?.ChildProviders ?? ImmutableDictionary<string, ProviderResource>.Empty;
            ProviderResource? provider = null;
            if (custom)
            {
                var package = PackageOf(type);
                provider = options.Provider is { } explicitProvider && explicitProvider.Package == package
                    ? explicitProvider
                    : providers.GetValueOrDefault(package);
                if (package == "pulumi") provider = null;
                ((CustomResource)resource).ResolvedProvider = provider;
            }
            else
            {
                var own = (options as ComponentResourceOptions)?.Providers ?? new List<ProviderResource>();
                if (options.Provider != null) own = own.Append(options.Provider).ToList();
                providers = providers.SetItems(own.Select(p => KeyValuePair.Create(p.Package, p)));
            }
            resource.ChildProviders = providers;

            var urn = new OutputCompletionSource<string>(resource, $"{type}::{name}.urn");
            resource.SetUrnOutput(urn.Output);
            OutputCompletionSource<string>? id = null;
            if (resource is CustomResource customResource)
            {
                id = new OutputCompletionSource<string>(resource, $"{type}::{name}.id");
                customResource.SetIdOutput(id.Output);
            }
            var outputs = isStack ? new Dictionary<string, IOutputCompletionSource>() : CreateOutputProperties(resource);

            lock (_gate) _resources.Add(resource);
            Track(RegisterAsync(resource, isStack, custom, remote, args, options, provider, urn, id, outputs));
        }

        private async Task RegisterAsync(Resource resource, bool isStack, bool custom, bool remote, ResourceArgs args,
            ResourceOptions options, ProviderResource? provider, OutputCompletionSource<string> urnSource,
            OutputCompletionSource<string>? idSource, Dictionary<string, IOutputCompletionSource> outputs)
        {
            var type = resource.GetResourceType();
            var name = resource.GetResourceName();
            try
            {
                // Let the constructor finish before anything is sent, as Pulumi does.
                await Task.Yield();
                var parentUrn = options.Parent == null ? "" : (await options.Parent.Urn.DataTask.ConfigureAwait(false)).Value;
                if (options.HasDependsOn)
                {
                    var dependencies = await options.DependsOn.ToOutput().DataTask.ConfigureAwait(false);
                    foreach (var dependency in dependencies.Value.IsDefault ? ImmutableArray<Resource>.Empty : dependencies.Value)
                        await dependency.Urn.DataTask.ConfigureAwait(false);
                }
                // Local components send no inputs; custom resources and remote components send their args.
                var inputs = custom || remote
                    ? await Serializer.SerializeArgsAsync(args, $"{type}::{name}").ConfigureAwait(false)
                    : ImmutableDictionary<string, object>.Empty;
                var providerReference = provider == null ? "" : await ProviderReferenceAsync(provider).ConfigureAwait(false);
                var urn = NewUrn(parentUrn, type, name);

                string? id = null;
                var state = ImmutableDictionary<string, object>.Empty;
                if (!isStack)
                {
                    (id, var rawState) = await Mocks.NewResourceAsync(new MockResourceArgs
                    {
                        Type = type,
                        Name = name,
                        Inputs = inputs,
                        Provider = providerReference,
                        Id = (options as CustomResourceOptions)?.ImportId ?? "",
                    }).ConfigureAwait(false);
                    state = await NormalizeStateAsync(rawState, $"{type}::{name}").ConfigureAwait(false);
                }

                urnSource.SetValue(urn, true);
                // Like Pulumi: an empty ID (what mocks return by default) is unknown.
                idSource?.SetValue(id ?? "", !string.IsNullOrEmpty(id));
                foreach (var (outputName, source) in outputs)
                {
                    if (state.TryGetValue(outputName, out var value)) source.SetWireValue(value);
                    // Like Pulumi: an output the provider did not return is unknown during preview.
                    else source.SetDefault(isKnown: !IsDryRun);
                }
            }
            catch (Exception e)
            {
                urnSource.SetException(e);
                idSource?.SetException(e);
                foreach (var source in outputs.Values) source.SetException(e);
                throw;
            }
        }

        /// <summary>Registers a component's outputs: they are awaited (a failure fails the run) and passed to the mocks.</summary>
        public void RegisterResourceOutputs(Resource resource, Output<IDictionary<string, object?>> outputs)
        {
            Track(RegisterResourceOutputsAsync(resource, outputs));
        }

        private async Task RegisterResourceOutputsAsync(Resource resource, Output<IDictionary<string, object?>> outputs)
        {
            var urn = (await resource.Urn.DataTask.ConfigureAwait(false)).Value;
            var data = await outputs.DataTask.ConfigureAwait(false);
            var values = ImmutableDictionary.CreateBuilder<string, Output<object>>();
            foreach (var (key, value) in data.Value ?? new Dictionary<string, object?>())
            {
                var untyped = await Output.ToUntyped(value).GetDataAsync().ConfigureAwait(false);
                values[key] = new Output<object>(Task.FromResult(new OutputData<object>(untyped.Resources, untyped.Value!, untyped.IsKnown, untyped.IsSecret)));
            }
            await Mocks.RegisterResourceOutputs(new MockRegisterResourceOutputsRequest(urn, values.ToImmutable())).ConfigureAwait(false);
        }

        private static async Task<ImmutableDictionary<string, object>> NormalizeStateAsync(object? state, string context)
        {
            if (state == null) return ImmutableDictionary<string, object>.Empty;
            var wire = await Serializer.SerializeAsync(state, context).ConfigureAwait(false);
            return wire.Value as ImmutableDictionary<string, object>
                ?? throw new InvalidOperationException($"{context}: the mocks must return the resource's state as a dictionary, not {state.GetType().FullName}.");
        }

        private static async Task<string> ProviderReferenceAsync(ProviderResource provider)
        {
            var urn = (await provider.Urn.DataTask.ConfigureAwait(false)).Value;
            var id = await provider.Id.DataTask.ConfigureAwait(false);
            return $"{urn}::{(id.IsKnown && !string.IsNullOrEmpty(id.Value) ? id.Value : Constants.UnknownValue)}";
        }

        /// <summary>
        /// URNs as Pulumi's mock monitor makes them: the type is qualified by the first type of the parent's
        /// chain only, so every resource below the stack reads "pulumi:pulumi:Stack$type".
        /// </summary>
        private string NewUrn(string parentUrn, string type, string name)
        {
            if (!string.IsNullOrEmpty(parentUrn))
            {
                var qualifiedType = parentUrn.Split("::")[2];
                type = qualifiedType.Split('$')[0] + "$" + type;
            }
            return $"urn:pulumi:{StackName}::{ProjectName}::{type}::{name}";
        }

        private static string PackageOf(string type) => type.Split(':')[0];

        private static ResourceOptions Copy(ResourceOptions options) => options switch
        {
            CustomResourceOptions custom => CustomResourceOptions.Merge(custom, null),
            ComponentResourceOptions component => ComponentResourceOptions.Merge(component, null),
            _ => throw new ArgumentException($"Unsupported options type {options.GetType().FullName}."),
        };

        /// <summary>Creates an output for every [Output] property the resource's class declares (not Urn and Id).</summary>
        private static Dictionary<string, IOutputCompletionSource> CreateOutputProperties(Resource resource)
        {
            var result = new Dictionary<string, IOutputCompletionSource>();
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            for (var type = resource.GetType(); type != typeof(CustomResource) && type != typeof(ComponentResource) && type != typeof(Resource) && type != null; type = type.BaseType)
            {
                foreach (var property in type.GetProperties(flags))
                {
                    if (property.GetCustomAttribute<OutputAttribute>() is not { } attribute) continue;
                    if (!property.PropertyType.IsGenericType || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
                        throw new InvalidOperationException($"{type.FullName}.{property.Name} is marked [Output] but is not an Output<T>.");
                    var valueType = property.PropertyType.GetGenericArguments()[0];
                    var wireName = attribute.Name ?? property.Name;
                    var source = (IOutputCompletionSource)Activator.CreateInstance(
                        typeof(OutputCompletionSource<>).MakeGenericType(valueType), resource, $"{resource.GetResourceType()}::{resource.GetResourceName()}.{wireName}")!;
                    var output = source.GetType().GetProperty(nameof(OutputCompletionSource<int>.Output))!.GetValue(source);
                    SetProperty(type, property, resource, output);
                    result[wireName] = source;
                }
            }
            return result;
        }

        private static void SetProperty(Type declaringType, PropertyInfo property, Resource resource, object? value)
        {
            if (property.SetMethod != null)
            {
                property.SetValue(resource, value);
                return;
            }
            var backingField = declaringType.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException($"{declaringType.FullName}.{property.Name} is an [Output] without a setter.");
            backingField.SetValue(resource, value);
        }
    }
}
