using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// A generator run the benchmarks start from, checked: the cold run of a measured project (no
/// diagnostics, no exception, one generated file) and, from its driver, the IDE-style re-run after
/// an edit to the unrelated file, which must not re-solve, re-emit or change the generated source.
/// </summary>
public sealed class GeneratorRun
{
    // SlthGen's step names (Generator/TrackingNames.cs; internal there, so spelled out here). A
    // renamed step fails the check below rather than passing it vacuously.
    private static readonly string[] StepsThatMustNotRerun = { "Spec", "Solve", "Emit" };

    private GeneratorRun(CSharpCompilation input, GeneratorDriver driver, ImmutableArray<GeneratedSourceResult> generated)
    {
        Input = input;
        Driver = driver;
        Generated = generated;
    }

    /// <summary>The compilation the cold run saw.</summary>
    public CSharpCompilation Input { get; }

    /// <summary>The driver after the cold run (immutable: every re-run starts from this state).</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>What the generator emitted.</summary>
    public ImmutableArray<GeneratedSourceResult> Generated { get; }

    /// <summary>Runs the generator cold on the project and checks the result.</summary>
    /// <param name="project">The measured project.</param>
    public static GeneratorRun Cold(MeasuredProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var input = project.CreateCompilation(project.ParseSources());
        var driver = project.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out _, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Require(result.Exception is null, $"{project.Name}: the generator threw: {result.Exception}");
        Require(diagnostics.IsEmpty && result.Diagnostics.IsEmpty, $"{project.Name}: the generator reported:\n" + string.Join("\n", diagnostics.Concat(result.Diagnostics)));
        Require(result.GeneratedSources.Length == 1, $"{project.Name}: expected one generated file (tests are off), got {result.GeneratedSources.Length}.");
        Require(Reasons(result, "Solve").All(r => r == IncrementalStepRunReason.New), $"{project.Name}: the cold run did not solve (step names changed?).");
        return new GeneratorRun(input, driver, result.GeneratedSources);
    }

    /// <summary>The cold run's input with the unrelated file replaced by its edited version.</summary>
    /// <param name="project">The measured project.</param>
    public CSharpCompilation EditUnrelatedFile(MeasuredProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var old = Input.SyntaxTrees.Single(t => t.FilePath == project.UnrelatedPath);
        var edited = project.Parse(Microsoft.CodeAnalysis.Text.SourceText.From(MeasuredProject.UnrelatedEditedSource, System.Text.Encoding.UTF8), project.UnrelatedPath);
        return Input.ReplaceSyntaxTree(old, edited);
    }

    /// <summary>
    /// Re-runs the driver on an edited compilation, as the IDE does after a keystroke, and checks
    /// from the tracked step reasons that nothing was re-solved or re-emitted.
    /// </summary>
    /// <param name="project">The measured project.</param>
    public void CheckRerunAfterUnrelatedEdit(MeasuredProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var rerun = Driver.RunGeneratorsAndUpdateCompilation(EditUnrelatedFile(project), out _, out var diagnostics);
        var result = rerun.GetRunResult().Results.Single();
        Require(result.Exception is null && diagnostics.IsEmpty, $"{project.Name}: the re-run threw or reported diagnostics.");
        foreach (string step in StepsThatMustNotRerun)
        {
            var reasons = Reasons(result, step);
            Require(reasons.Count > 0, $"{project.Name}: step {step} was not tracked in the re-run.");
            Require(
                reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged),
                $"{project.Name}: step {step} re-ran after an unrelated edit ({string.Join(", ", reasons)}).");
        }

        Require(
            result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).SequenceEqual(Generated.Select(s => (s.HintName, s.SourceText.ToString()))),
            $"{project.Name}: the re-run generated different source.");
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList()
            : new List<IncrementalStepRunReason>();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
