using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace SlthGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compiled generated code, loaded into a collectible context (SlthGen.Runtime and xunit resolve
/// to the test's own copies, so <see cref="VerificationResult"/> is the same type on both sides).
/// </summary>
internal sealed class GeneratedAssembly : IDisposable
{
    private readonly ImageLoadContext _context;

    private GeneratedAssembly(ImageLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Emits <paramref name="compilation"/> and loads it; <paramref name="dependencies"/> are images it references by name.</summary>
    public static GeneratedAssembly Load(Compilation compilation, params byte[][] dependencies) =>
        Load(GeneratorHarness.Emit(compilation), dependencies);

    /// <summary>Loads <paramref name="image"/>; <paramref name="dependencies"/> are images it references by name.</summary>
    public static GeneratedAssembly Load(byte[] image, params byte[][] dependencies)
    {
        var context = new ImageLoadContext();
        foreach (var dependency in dependencies)
        {
            context.Add(dependency);
        }

        var assembly = context.LoadFromStream(new MemoryStream(image));
        return new GeneratedAssembly(context, assembly);
    }

    public GeneratedNetwork Network(string metadataName) =>
        new(Assembly.GetType(metadataName, throwOnError: true)!);

    public void Dispose() => _context.Unload();

    private sealed class ImageLoadContext : AssemblyLoadContext
    {
        private readonly Dictionary<string, byte[]> _images = new(StringComparer.Ordinal);

        public ImageLoadContext()
            : base("SlthGen.Generated", isCollectible: true)
        {
        }

        public void Add(byte[] image)
        {
            using var reader = new PEReader(new MemoryStream(image));
            var metadata = reader.GetMetadataReader();
            _images[metadata.GetString(metadata.GetAssemblyDefinition().Name)] = image;
        }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name is { } name && _images.TryGetValue(name, out var image) ? LoadFromStream(new MemoryStream(image)) : null;
    }
}

/// <summary>The public API of one generated network class, through reflection.</summary>
internal sealed class GeneratedNetwork
{
    private readonly Type _type;

    public GeneratedNetwork(Type type) => _type = type;

    public int InputCount => Constant(nameof(InputCount));

    public int OutputCount => Constant(nameof(OutputCount));

    public int InputMin => Constant(nameof(InputMin));

    public int InputMax => Constant(nameof(InputMax));

    public NetworkEvaluator Evaluate => Evaluator(nameof(Evaluate));

    public NetworkEvaluator EvaluateReference => Evaluator(nameof(EvaluateReference));

    public NetworkEvaluator EvaluateBatch => Evaluator(nameof(EvaluateBatch));

    public NetworkEvaluator EvaluateReferenceBatch => Evaluator(nameof(EvaluateReferenceBatch));

    public TicketInfo Ticket => (TicketInfo)_type.GetProperty(nameof(Ticket))!.GetValue(null)!;

    public VerificationResult Verify() => (VerificationResult)_type.GetMethod(nameof(Verify), Type.EmptyTypes)!.Invoke(null, null)!;

    private int Constant(string name) => (int)_type.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private NetworkEvaluator Evaluator(string name) =>
        _type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<NetworkEvaluator>();
}
