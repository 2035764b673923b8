using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// What SlthGen costs a compilation, in-process (Roslyn's CSharpGeneratorDriver, as csc hosts it;
/// no analyzers, no MSBuild). Every case starts from source text and parses what it compiles. The
/// baseline is the same project without the generator: its sources plus the generator's output
/// supplied as ordinary source files, compiled and emitted (the same code, no generator run).
/// </summary>
public abstract class CompileBenchmarks
{
    private MeasuredProject _project = null!;
    private GeneratorRun _run = null!;
    private ImmutableArray<(string Path, SourceText Text)> _pregenerated;
    private ImmutableArray<SourceText> _bareSources;
    private ImmutableArray<string> _sourcePaths;

    /// <summary>Runs the generator once, checks it and the IDE-style re-run (throws if either is wrong), and keeps its output.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _project = CreateProject();
        _run = GeneratorRun.Cold(_project);
        _run.CheckRerunAfterUnrelatedEdit(_project);
        string generatedDirectory = Path.Combine(Path.GetDirectoryName(_project.UnrelatedPath)!, "obj", "generated");
        _pregenerated = _run.Generated.Select(g => (Path.Combine(generatedDirectory, g.HintName), g.SourceText)).ToImmutableArray();
        var trees = _project.ParseSources();
        _sourcePaths = trees.Select(t => t.FilePath).ToImmutableArray();
        _bareSources = trees.Select(t => SourceText.From(WithoutNetworkMembers(t).ToFullString(), System.Text.Encoding.UTF8)).ToImmutableArray();
    }

    /// <summary>
    /// Baseline, the same project without the generator: the project's sources and the generated
    /// file as an ordinary source file, parsed, compiled and emitted.
    /// </summary>
    [Benchmark(Baseline = true, Description = "no generator: generated file as source, compile")]
    public long CompilePregenerated()
    {
        var trees = _project.ParseSources().Concat(_pregenerated.Select(g => _project.Parse(g.Text, g.Path)));
        return _project.Emit(_project.CreateCompilation(trees));
    }

    /// <summary>
    /// No generator and no generated code: the network class with its attributes only (hand-written
    /// members that call generated ones removed), compiled and emitted: what a build costs without the ticket at all.
    /// </summary>
    [Benchmark(Description = "no generator, no ticket: bare declaration, compile")]
    public long CompileBare() =>
        _project.Emit(_project.CreateCompilation(_bareSources.Select((text, i) => _project.Parse(text, _sourcePaths[i]))));

    /// <summary>The generator's first run on a new driver (what each command-line build does), without compiling the result.</summary>
    [Benchmark(Description = "generator first run (cold driver)")]
    public int GeneratorFirstRun()
    {
        _project.CreateDriver().RunGeneratorsAndUpdateCompilation(_project.CreateCompilation(_project.ParseSources()), out var output, out var diagnostics);
        return RequireClean(output, diagnostics);
    }

    /// <summary>The generator's first run, then the compilation with its output emitted: the whole compile of the project.</summary>
    [Benchmark(Description = "generator first run + compile")]
    public long GeneratorAndCompile()
    {
        _project.CreateDriver().RunGeneratorsAndUpdateCompilation(_project.CreateCompilation(_project.ParseSources()), out var output, out var diagnostics);
        RequireClean(output, diagnostics);
        return _project.Emit(output);
    }

    /// <summary>
    /// The IDE-style re-run: a driver that has already run, given the compilation after an edit to
    /// the unrelated file (a method added). Setup checked that this re-solves and re-emits nothing.
    /// </summary>
    [Benchmark(Description = "IDE re-run after unrelated edit (warm driver)")]
    public int IdeRerunAfterUnrelatedEdit()
    {
        _run.Driver.RunGeneratorsAndUpdateCompilation(_run.EditUnrelatedFile(_project), out var output, out var diagnostics);
        return RequireClean(output, diagnostics);
    }

    /// <summary>The project to measure.</summary>
    protected abstract MeasuredProject CreateProject();

    private static int RequireClean(Compilation output, ImmutableArray<Diagnostic> diagnostics)
    {
        if (!diagnostics.IsEmpty)
        {
            throw new InvalidOperationException("The generator reported:\n" + string.Join("\n", diagnostics));
        }

        return output.SyntaxTrees.Count();
    }

    // The [TicketNetwork] class keeps its attributes; its members (DigitsTicket.Predict) call generated code.
    private static SyntaxNode WithoutNetworkMembers(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var networks = root.DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Where(c => c.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "TicketNetwork" or "TicketNetworkAttribute"));
        return root.ReplaceNodes(networks, (original, _) => original.WithMembers(default));
    }
}

/// <summary>Samples/Digits.Ticket: the 64-32-10 digit classifier (up to 2 s per case).</summary>
[Config(typeof(CompileConfig.Digits))]
public class DigitsCompileBenchmarks : CompileBenchmarks
{
    /// <inheritdoc/>
    protected override MeasuredProject CreateProject() => MeasuredProject.Digits();
}

/// <summary>tests/SlthGen.LargeTicket: the 784-500-10 network (10–15 s per compile case).</summary>
[Config(typeof(CompileConfig.Large))]
public class LargeCompileBenchmarks : CompileBenchmarks
{
    /// <inheritdoc/>
    protected override MeasuredProject CreateProject() => MeasuredProject.Large();
}
