extern alias SlthGenGenerator;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SlthGen.Generator.Tests.Infrastructure;
using TrackingNames = SlthGenGenerator::SlthGen.Generator.TrackingNames;

namespace SlthGen.Generator.Tests;

/// <summary>
/// The incremental pipeline caches what it should: nothing re-runs on an identical compilation,
/// the solver does not re-run for unrelated edits or a moved declaration, and no step output
/// holds a symbol, compilation, syntax or location.
/// </summary>
public sealed class IncrementalTests
{
    private const string UnrelatedPath = "/src/Unrelated.cs";
    private const string NetworkPath = "/src/Network.cs";

    /// <summary>Every step name declared in TrackingNames.</summary>
    private static readonly string[] AllStepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>The steps every network goes through.</summary>
    private static readonly string[] MainSteps = { "Parse", "Spec", "Options", "Features", "Solve", "Emit" };

    [Fact]
    public void Tracking_names_are_unique_and_include_the_main_steps()
    {
        Assert.Equal(AllStepNames.Length, AllStepNames.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(AllStepNames.ToHashSet(StringComparer.Ordinal), MainSteps.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Identical_compilation_caches_every_step()
    {
        var compilation = CreateCompilation(withTestTargets: true);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        var steps = TrackedSteps(second);
        foreach (string name in MainSteps.Append("TestTargets"))
        {
            Assert.True(steps.ContainsKey(name), name + " was not tracked.");
        }

        foreach (var (name, reasons) in steps)
        {
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {r}"));
        }

        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void Adding_an_unrelated_file_does_not_resolve()
    {
        var compilation = CreateCompilation();
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(GeneratorHarness.Parse("internal static class Added { }", "/src/Added.cs")));

        AssertNotRerun(second, "Spec", "Solve", "Emit");
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void Editing_an_unrelated_file_does_not_resolve()
    {
        var compilation = CreateCompilation();
        var first = GeneratorHarness.Run(compilation);
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
        var edited = compilation.ReplaceSyntaxTree(old, GeneratorHarness.Parse("internal static class Unrelated { public static int Value => 2; }", UnrelatedPath));
        var second = GeneratorHarness.Run(first.Driver, edited);

        AssertNotRerun(second, "Spec", "Solve", "Emit");
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void Moving_the_declaration_does_not_resolve()
    {
        var compilation = CreateCompilation();
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(first.Driver, ReplaceNetwork(compilation, "\n\n\n" + NetworkSources.Xor));

        // The parse result holds the attribute locations, so it changes; the spec does not.
        Assert.Contains(IncrementalStepRunReason.Modified, TrackedSteps(second)["Parse"]);
        AssertNotRerun(second, "Spec", "Solve", "Emit");
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void Moving_a_failing_declaration_moves_its_diagnostic_without_resolving()
    {
        string failing = NetworkSources.Xor.Replace("Seed = 42,", "Seed = 42, HiddenPerInput = 1,", StringComparison.Ordinal);
        var compilation = CreateCompilation(failing);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(first.Driver, ReplaceNetwork(compilation, "\n\n" + failing));

        AssertNotRerun(second, "Solve");
        int before = Assert.Single(first.Diagnostics, d => d.Id == "SLTH016").Location.GetLineSpan().StartLinePosition.Line;
        int after = Assert.Single(second.Diagnostics, d => d.Id == "SLTH016").Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public void Changing_a_weight_resolves_only_that_network()
    {
        var compilation = CreateCompilation(NetworkSources.Xor, extraNetwork: NetworkSources.Nested);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(first.Driver, ReplaceNetwork(compilation, NetworkSources.Xor.Replace("[Layer(2, 1, new[] { 16, 16 })]", "[Layer(2, 1, new[] { 16, 8 })]", StringComparison.Ordinal)));

        var solve = TrackedSteps(second)["Solve"];
        Assert.Equal(2, solve.Count);
        Assert.Single(solve, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(solve, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.NotEqual(Texts(first)["SlthGen.Samples.Xor.Xor.g.cs"], Texts(second)["SlthGen.Samples.Xor.Xor.g.cs"]);
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_or_locations()
    {
        // A valid network, a failing one, a parse error and test targets: every kind of model.
        var compilation = CreateCompilation(withTestTargets: true)
            .AddSyntaxTrees(
                GeneratorHarness.Parse(NetworkSources.Nested.Replace("Seed = 5", "Seed = 5, HiddenPerInput = 1", StringComparison.Ordinal), "/src/Failing.cs"),
                GeneratorHarness.Parse("using SlthGen;\n[assembly: TicketTests(typeof(int))]\n[TicketNetwork]\ninternal static partial class Broken { }", "/src/Broken.cs"));
        var run = GeneratorHarness.Run(compilation);
        var result = run.Result;
        int outputs = 0;
        foreach (string name in AllStepNames)
        {
            if (!result.TrackedSteps.TryGetValue(name, out var steps))
            {
                continue;
            }

            foreach (var step in steps)
            {
                foreach (var (value, _) in step.Outputs)
                {
                    outputs++;
                    var leaks = ModelWalker.FindForbidden(value, name);
                    Assert.True(leaks.Count == 0, "Pipeline models hold compilation objects:\n" + string.Join("\n", leaks));
                }
            }
        }

        Assert.True(outputs >= 8);
        Assert.Contains(run.Diagnostics, d => d.Id == "SLTH016");
        Assert.Contains(run.Diagnostics, d => d.Id == "SLTH022");
    }

    [Fact]
    public void Model_walker_finds_a_planted_location()
    {
        var planted = new { Spec = SharedRuns.Xor.Run.Result.TrackedSteps["Spec"][0].Outputs[0].Value, Where = new object[] { Location.None } };
        var leaks = ModelWalker.FindForbidden(planted, "planted");
        Assert.Contains(leaks, l => l.Contains("Where", StringComparison.Ordinal) && l.Contains("Location", StringComparison.Ordinal));
        Assert.Empty(ModelWalker.FindForbidden(planted.Spec, "spec"));
    }

    [Fact]
    public void Models_are_equal_across_compilations_of_the_same_source()
    {
        var a = GeneratorHarness.Run(CreateCompilation());
        var b = GeneratorHarness.Run(CreateCompilation());
        foreach (string name in new[] { "Parse", "Spec", "Options", "Features", "Solve" })
        {
            var left = a.Result.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            var right = b.Result.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            Assert.Equal(left, right);
            Assert.Equal(left.Select(v => v.GetHashCode()), right.Select(v => v.GetHashCode()));
        }
    }

    private static CSharpCompilation CreateCompilation(string network = NetworkSources.Xor, bool withTestTargets = false, string? extraNetwork = null)
    {
        var sources = new List<(string, string)>
        {
            (NetworkPath, network),
            (UnrelatedPath, "internal static class Unrelated { public static int Value => 1; }"),
        };
        if (extraNetwork is not null)
        {
            sources.Add(("/src/Extra.cs", extraNetwork));
        }

        if (withTestTargets)
        {
            // A library network is not at hand here; naming a local one still runs the TestTargets step.
            sources.Add(("/src/AssemblyInfo.cs", "[assembly: SlthGen.TicketTests(typeof(SlthGen.Samples.Xor.Xor))]"));
        }

        return GeneratorHarness.CreateCompilation(sources);
    }

    private static CSharpCompilation ReplaceNetwork(CSharpCompilation compilation, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == NetworkPath);
        return compilation.ReplaceSyntaxTree(old, GeneratorHarness.Parse(text, NetworkPath));
    }

    /// <summary>The run reasons of every output of each of SlthGen's named steps.</summary>
    private static Dictionary<string, List<IncrementalStepRunReason>> TrackedSteps(GeneratorRun run) =>
        run.Result.TrackedSteps
            .Where(s => AllStepNames.Contains(s.Key))
            .ToDictionary(s => s.Key, s => s.Value.SelectMany(step => step.Outputs).Select(o => o.Reason).ToList());

    private static void AssertNotRerun(GeneratorRun run, params string[] names)
    {
        var steps = TrackedSteps(run);
        foreach (string name in names)
        {
            Assert.True(steps.TryGetValue(name, out var reasons) && reasons.Count > 0, name + " was not tracked.");
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {r}"));
        }
    }

    private static Dictionary<string, string> Texts(GeneratorRun run) =>
        run.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}

/// <summary>A reflection walk over pipeline models: fields, recursively, must not hold compilation objects.</summary>
internal static class ModelWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Diagnostic),
    };

    public static List<string> FindForbidden(object? model, string path)
    {
        var leaks = new List<string>();
        Walk(model, path, new HashSet<object>(ReferenceEqualityComparer.Instance), leaks);
        return leaks;
    }

    private static bool IsForbidden(Type type) => Forbidden.Any(f => f.IsAssignableFrom(type));

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> leaks)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        if (IsForbidden(type))
        {
            leaks.Add($"{path}: {type.FullName}");
            return;
        }

        if (type.IsPrimitive || type.IsEnum || type.IsPointer || value is string or decimal || type == typeof(IntPtr) || type == typeof(UIntPtr) || value is Type)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is Array array)
        {
            if (IsForbidden(type.GetElementType()!))
            {
                leaks.Add($"{path}: array of {type.GetElementType()!.FullName}");
            }

            int i = 0;
            foreach (object? item in (IEnumerable)array)
            {
                Walk(item, $"{path}[{i++}]", visited, leaks);
            }

            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (IsForbidden(field.FieldType))
                {
                    leaks.Add($"{path}.{field.Name}: field of type {field.FieldType.FullName}");
                    continue;
                }

                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), path + "." + field.Name, visited, leaks);
            }
        }
    }
}
