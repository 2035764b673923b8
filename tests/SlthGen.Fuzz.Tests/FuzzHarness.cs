extern alias SlthGenGenerator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TicketGenerator = SlthGenGenerator::SlthGen.Generator.TicketGenerator;

namespace SlthGen.Fuzz.Tests;

/// <summary>
/// Runs SlthGen in-process over in-memory compilations (as tests/SlthGen.Generator.Tests does),
/// and checks the fuzz invariants: no generator exception, every SlthGen diagnostic located, and
/// accepted networks compile and pass their generated Verify().
/// </summary>
internal static class FuzzHarness
{
    /// <summary>A case that takes longer is a hang (generous: the machine is shared and noisy).</summary>
    public static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(60);

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly ImmutableArray<MetadataReference> References = ImmutableArray.CreateRange<MetadataReference>(
        Basic.Reference.Assemblies.Net80.References.All.Append(MetadataReference.CreateFromFile(typeof(TicketInfo).Assembly.Location)));

    private static readonly CSharpCompilationOptions Options = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true);

    /// <summary>Runs the generator over source files (path, text) and additional files (path, bytes on disk).</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorRunResult Result) Run(
        IEnumerable<(string Path, string Text)> sources,
        IEnumerable<string> additionalFiles,
        IEnumerable<(string Property, string Value)> properties)
    {
        var compilation = CSharpCompilation.Create("Fuzz", sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)), References, Options);
        var invalid = compilation.GetParseDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(invalid.Count == 0, "the fuzz case itself is not valid C#: " + string.Join("\n", invalid.Take(5)));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new TicketGenerator().AsSourceGenerator() },
            additionalTexts: additionalFiles.Select(f => (AdditionalText)new FileText(f)),
            parseOptions: ParseOptions,
            optionsProvider: new Properties(properties));
        using var timeout = new CancellationTokenSource(CaseTimeLimit);
        var started = System.Diagnostics.Stopwatch.StartNew();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, timeout.Token);
        Assert.True(started.Elapsed < CaseTimeLimit, $"the generator ran {started.Elapsed} (limit {CaseTimeLimit})");
        var result = driver.GetRunResult().Results.Single();
        return (output, diagnostics, result);
    }

    /// <summary>The invariants every case must meet: no exception; every diagnostic an SLTH error with a location.</summary>
    public static void AssertNoCrashAndLocated(ImmutableArray<Diagnostic> diagnostics, GeneratorRunResult result, string context)
    {
        Assert.True(result.Exception is null, context + ": generator exception " + result.Exception);
        foreach (var d in diagnostics)
        {
            Assert.True(d.Id.StartsWith("SLTH", StringComparison.Ordinal) && d.Id != "SLTH099", context + ": " + d);
            if (d.Id != "SLTH019")
            {
                Assert.True(d.Location != Location.None && d.Location.GetLineSpan().Path.Length > 0, context + ": diagnostic without a location: " + d);
            }
        }
    }

    /// <summary>
    /// The generated code compiles (no error anywhere, no warning in a generated file), and every
    /// network's generated Verify() passes.
    /// </summary>
    public static void AssertCompilesAndVerifies(Compilation output, IEnumerable<string> networkMetadataNames, string context)
    {
        var problems = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && (d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) ?? false))).ToList();
        Assert.True(problems.Count == 0, context + ": generated code does not compile:\n" + string.Join("\n", problems.Take(10)));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, context + ": emit failed");
        var load = new AssemblyLoadContext("Fuzz", isCollectible: true);
        try
        {
            var assembly = load.LoadFromStream(new MemoryStream(stream.ToArray()));
            foreach (string name in networkMetadataNames)
            {
                var type = assembly.GetType(name, throwOnError: true)!;
                var verify = type.GetMethod("Verify", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)!;
                var verification = (VerificationResult)verify.Invoke(null, null)!;
                Assert.True(verification.Passed, context + ": " + name + ".Verify() failed: " + verification);
            }
        }
        finally
        {
            load.Unload();
        }
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }

    private sealed class Properties(IEnumerable<(string Property, string Value)> properties) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(properties.ToDictionary(p => "build_property." + p.Property, p => p.Value, StringComparer.Ordinal));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options None = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
