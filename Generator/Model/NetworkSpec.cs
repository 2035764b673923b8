namespace SlthGen.Generator.Model;

/// <summary>Where the generated partial class goes: namespace, containing types and the declaration.</summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of the enclosing types, outermost first (e.g. "partial class Outer").</param>
/// <param name="Declaration">The partial declaration of the network class itself (e.g. "static partial class Xor").</param>
/// <param name="Name">The class name, unescaped (declarations and namespaces are escaped: <c>partial class @event</c>).</param>
/// <param name="FullName">The fully qualified metadata-style name, unique per network.</param>
internal sealed record TypeShape(string Namespace, EquatableArray<string> ContainingTypes, string Declaration, string Name, string FullName);

/// <summary>One declared target layer.</summary>
internal sealed record LayerSpec(int Inputs, int Outputs, EquatableArray<int> Weights, bool HasBiases, EquatableArray<int> Biases);

/// <summary>
/// A validated network declaration: everything the solver and the emitter need, and nothing
/// tied to a compilation or to source positions (moving a declaration must not re-solve it).
/// </summary>
internal sealed record NetworkSpec(
    TypeShape Type,
    long Seed,
    TicketConstruction Construction,
    int HiddenPerInput,
    int Copies,
    int TargetBits,
    int InitBits,
    int TicketBits,
    int ActivationBits,
    long InputMin,
    long InputMax,
    EquatableArray<LayerSpec> Layers)
{
    /// <summary>The project already has a type named like the generated test class (SLTH027 when tests are emitted; they are then not emitted).</summary>
    public bool TestClassTaken { get; init; }

    /// <summary>[TicketNetwork(Blocks = …)]: 0 adaptive (default), 1 fixed (<c>BlockLayout</c>).</summary>
    public int Blocks { get; init; }
}

/// <summary>What parsing one annotated class produced: a spec when valid, and its diagnostics.</summary>
/// <param name="Key">The network's full name, to match solver failures with locations.</param>
/// <param name="Spec">The valid declaration, or null when a diagnostic says what to fix.</param>
/// <param name="Diagnostics">Errors and warnings found while parsing.</param>
/// <param name="NetworkAttribute">Where <c>[TicketNetwork]</c> is, for solver diagnostics.</param>
/// <param name="PrecisionAttribute">Where <c>[Precision]</c> is, for overflow diagnostics.</param>
internal sealed record ParseResult(string Key, NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? NetworkAttribute, LocationInfo? PrecisionAttribute)
{
    /// <summary>The full path of the [WeightsFile] still to be read (the spec's layers are empty until then).</summary>
    public string? WeightsPath { get; init; }

    /// <summary>Where [WeightsFile] is.</summary>
    public LocationInfo? WeightsAttribute { get; init; }
}

/// <summary>The MSBuild options the generator reads (CompilerVisibleProperty items; defaults in <see cref="Limits"/> and Generator/build/SlthGen.props).</summary>
/// <param name="EmitTests">SlthGen_EmitTests: emit xunit tests when xunit is referenced (default true).</param>
/// <param name="TableThreshold">SlthGen_TableThreshold: a ticket layer with more terms than this (kept weights, a shared neuron's counted once: LiveLayer.TermCount) is emitted as data tables and loops (default 4096).</param>
/// <param name="SolverBudget">SlthGen_SolverBudget: work per subset-sum instance (default 2^24).</param>
/// <param name="MaxWidth">SlthGen_MaxWidth: the cap of the automatic width search (default 256).</param>
/// <param name="Limits">The size limits and the total work budget.</param>
/// <param name="Diagnostics">Invalid option values.</param>
internal sealed record GeneratorOptions(bool EmitTests, int TableThreshold, long SolverBudget, int MaxWidth, Limits Limits, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public const int DefaultTableThreshold = 4096;
    public const long DefaultSolverBudget = 1L << 24;
    public const int DefaultMaxWidth = 256;
}

/// <summary>What the consuming compilation offers.</summary>
/// <param name="HasXunit">Xunit.FactAttribute is referenced (v2 or v3).</param>
/// <param name="HasVectors">System.Runtime.Intrinsics.Vector512 exists (net8.0+), so the batch kernel can use SIMD.</param>
/// <param name="LanguageVersion">The C# version the project compiles with (<see cref="LanguageVersions"/> says what the generated code needs).</param>
internal sealed record CompilationFeatures(bool HasXunit, bool HasVectors, int LanguageVersion = LanguageVersions.Latest);
