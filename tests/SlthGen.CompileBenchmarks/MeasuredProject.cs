extern alias SlthGenGenerator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using TicketGenerator = SlthGenGenerator::SlthGen.Generator.TicketGenerator;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// One of the two measured projects as the compiler sees it: its source files, its weights file
/// as an AdditionalFiles item, SlthGen's build properties, .NET 8 reference assemblies plus
/// SlthGen.Runtime, and Release compilation options. Each project also has a small unrelated
/// file (<see cref="UnrelatedSource"/>), the one the IDE-style edit changes.
/// </summary>
public sealed class MeasuredProject
{
    /// <summary>An unrelated class, part of every measured compilation.</summary>
    public const string UnrelatedSource = "namespace SlthGen.CompileBenchmarks.Unrelated;\n\ninternal static class Helpers\n{\n    public static int One() => 1;\n}\n";

    /// <summary>The same file after the IDE-style edit: a method added.</summary>
    public const string UnrelatedEditedSource = "namespace SlthGen.CompileBenchmarks.Unrelated;\n\ninternal static class Helpers\n{\n    public static int One() => 1;\n\n    public static int Two() => One() + One();\n}\n";

    /// <summary>.NET 8 reference assemblies and SlthGen.Runtime (its net8.0 build).</summary>
    public static readonly ImmutableArray<MetadataReference> References = ImmutableArray.CreateRange<MetadataReference>(
        Basic.Reference.Assemblies.Net80.References.All.Append(MetadataReference.CreateFromFile(typeof(TicketInfo).Assembly.Location)));

    /// <summary>What the SDK passes in Release: optimize+, deterministic, nullable enable, warning level 10 (the .NET 10 SDK's default).</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true,
        warningLevel: 10);

    /// <summary>SlthGen's build properties at the values Generator/build/SlthGen.props gives both projects (tests off).</summary>
    public static readonly BuildPropertiesOptionsProvider BuildProperties = new(
        ("SlthGen_EmitTests", "false"),
        ("SlthGen_TableThreshold", "4096"),
        ("SlthGen_SolverBudget", "16777216"),
        ("SlthGen_MaxWidth", "256"));

    private readonly ImmutableArray<(string Path, SourceText Text)> _sources;

    private MeasuredProject(string name, string assemblyName, string directory, bool documented, string[] sources, string weightsFile)
    {
        Name = name;
        AssemblyName = assemblyName;
        Documented = documented;
        _sources = sources
            .Select(relative => RepositoryFiles.Get(relative))
            .Select(path => (path, SourceText.From(File.ReadAllText(path), System.Text.Encoding.UTF8)))
            .Append((Path.Combine(RepositoryFiles.Root, directory, "Unrelated.cs"), SourceText.From(UnrelatedSource, System.Text.Encoding.UTF8)))
            .ToImmutableArray();
        AdditionalTexts = ImmutableArray.Create<AdditionalText>(new FileAdditionalText(RepositoryFiles.Get(weightsFile)));
        ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, documented ? DocumentationMode.Diagnose : DocumentationMode.None);
    }

    /// <summary>Samples/Digits.Ticket (its net8.0 build): DigitsTicket.cs and digits-4bit.npz; XML docs on.</summary>
    public static MeasuredProject Digits() => new(
        "digits 64-32-10", "SlthGen.Samples.DigitsTicket", "Samples/Digits.Ticket", documented: true, new[] { "Samples/Digits.Ticket/DigitsTicket.cs" }, "Samples/Digits/digits-4bit.npz");

    /// <summary>tests/SlthGen.LargeTicket: LargeTicket.cs and large-784-500-10.npz; no XML docs.</summary>
    public static MeasuredProject Large() => new(
        "784-500-10", "SlthGen.LargeTicket", "tests/SlthGen.LargeTicket", documented: false, new[] { "tests/SlthGen.LargeTicket/LargeTicket.cs" }, "tests/SlthGen.LargeTicket/large-784-500-10.npz");

    /// <summary>For reports.</summary>
    public string Name { get; }

    /// <summary>The assembly name the project builds.</summary>
    public string AssemblyName { get; }

    /// <summary>Whether the project writes XML documentation (so doc comments are parsed and checked).</summary>
    public bool Documented { get; }

    /// <summary>The language version and documentation mode of the project.</summary>
    public CSharpParseOptions ParseOptions { get; }

    /// <summary>The weights file, as the AdditionalFiles item the generator reads.</summary>
    public ImmutableArray<AdditionalText> AdditionalTexts { get; }

    /// <summary>The path of the unrelated file the IDE-style edit changes.</summary>
    public string UnrelatedPath => _sources[^1].Path;

    /// <summary>Parses the project's source files (as the compiler does at the start of a build).</summary>
    public ImmutableArray<SyntaxTree> ParseSources() =>
        _sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToImmutableArray();

    /// <summary>Parses text with the project's options.</summary>
    /// <param name="text">The source.</param>
    /// <param name="path">Its path.</param>
    public SyntaxTree Parse(SourceText text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>A compilation of the given trees with the project's references and options.</summary>
    /// <param name="trees">The syntax trees.</param>
    public CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(AssemblyName, trees, References, CompilationOptions);

    /// <summary>
    /// A new driver holding SlthGen only, as csc creates one per build. Step tracking is on, so the
    /// IDE-style re-run can be checked from the run result (it records what ran; it does not change caching).
    /// </summary>
    public GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new TicketGenerator().AsSourceGenerator() },
            AdditionalTexts,
            ParseOptions,
            BuildProperties,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Emits what csc writes for the project in Release: the assembly, its portable PDB, its
    /// reference assembly and (when documented) the XML documentation; throws on any error.
    /// </summary>
    /// <param name="compilation">The compilation.</param>
    /// <returns>The size of the emitted assembly in bytes.</returns>
    public long Emit(Compilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        using var reference = new MemoryStream();
        using var xml = Documented ? new MemoryStream() : null;
        var result = compilation.Emit(pe, pdb, xml, metadataPEStream: reference, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, includePrivateMembers: false));
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!result.Success || problems.Count > 0)
        {
            throw new InvalidOperationException($"{Name}: emit failed or warned:\n" + string.Join("\n", problems.Take(20)));
        }

        return pe.Length;
    }
}
