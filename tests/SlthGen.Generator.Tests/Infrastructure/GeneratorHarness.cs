extern alias SlthGenGenerator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TicketGenerator = SlthGenGenerator::SlthGen.Generator.TicketGenerator;

namespace SlthGen.Generator.Tests.Infrastructure;

/// <summary>One run of the generator over an in-memory compilation.</summary>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Output">The compilation with the generated files added.</param>
/// <param name="Driver">The driver after the run (run it again for incremental tests).</param>
/// <param name="Diagnostics">What the generator reported (including CS8785 if it threw).</param>
internal sealed record GeneratorRun(CSharpCompilation Input, Compilation Output, GeneratorDriver Driver, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorDriverRunResult RunResult => Driver.GetRunResult();

    public GeneratorRunResult Result => RunResult.Results.Single();

    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>The generator neither threw nor reported anything; the output compiles without errors or warnings.</summary>
    public GeneratorRun AssertCleanAndCompiles()
    {
        Assert.Null(Result.Exception);
        Assert.Empty(Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(Output);
        return this;
    }
}

/// <summary>In-memory compilations against .NET 8 reference assemblies, SlthGen.Runtime and xunit.</summary>
internal static class GeneratorHarness
{
    /// <summary>C# 12, the default of the oldest supported SDK (.NET 8); XML docs checked like a documented library.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>.NET 8 + SlthGen.Runtime (net8.0 build).</summary>
    public static readonly ImmutableArray<MetadataReference> References = ImmutableArray.CreateRange<MetadataReference>(
        Basic.Reference.Assemblies.Net80.References.All.Append(MetadataReference.CreateFromFile(typeof(TicketInfo).Assembly.Location)));

    /// <summary>xunit v2's assemblies, so the generator also emits tests.</summary>
    public static readonly ImmutableArray<MetadataReference> XunitReferences = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Assert).Assembly.Location));

    /// <summary>The SDK's defaults (no CS1701/CS1702 for version unification), every warning wave, nullable on.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            deterministic: true,
            warningLevel: 9999)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
        });

    /// <summary>A compilation of the given files (path, text), referencing xunit unless told not to.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Text)> sources, bool xunit = true, string assemblyName = "SlthGenTests", IEnumerable<MetadataReference>? extraReferences = null)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path));
        var references = References.AsEnumerable();
        if (xunit)
        {
            references = references.Concat(XunitReferences);
        }

        if (extraReferences is not null)
        {
            references = references.Concat(extraReferences);
        }

        return CSharpCompilation.Create(assemblyName, trees, references, CompilationOptions);
    }

    public static CSharpCompilation CreateCompilation(string source, bool xunit = true) =>
        CreateCompilation(new[] { ("/src/Network.cs", source) }, xunit);

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>A driver for SlthGen with step tracking on (as the IDE runs it: no post-init output kind is skipped).</summary>
    public static GeneratorDriver CreateDriver(AnalyzerConfigOptionsProvider? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new TicketGenerator().AsSourceGenerator() },
            additionalTexts: null,
            parseOptions: ParseOptions,
            optionsProvider: options ?? TestOptionsProvider.Empty,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(CSharpCompilation compilation, AnalyzerConfigOptionsProvider? options = null, CancellationToken cancellationToken = default) =>
        Run(CreateDriver(options), compilation, cancellationToken);

    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation, CancellationToken cancellationToken = default)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
        return new GeneratorRun(compilation, output, driver, diagnostics);
    }

    public static GeneratorRun Run(string source, AnalyzerConfigOptionsProvider? options = null, bool xunit = true) =>
        Run(CreateCompilation(source, xunit), options);

    /// <summary>No error and no warning anywhere in the compilation (user code and generated code).</summary>
    public static void AssertCompilesCleanly(Compilation compilation)
    {
        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
        Assert.True(problems.Count == 0, "The compilation has errors or warnings:\n" + string.Join("\n", problems.Take(20)));
    }

    /// <summary>The compiled image (fails the test on any emit error).</summary>
    public static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, "Emit failed:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        return stream.ToArray();
    }
}
