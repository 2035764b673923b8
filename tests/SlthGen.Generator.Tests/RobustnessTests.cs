extern alias SlthGenGenerator;

using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SlthGen.Generator.Tests.Infrastructure;
using GeneratorOptions = SlthGenGenerator::SlthGen.Generator.Model.GeneratorOptions;
using NetworkSpec = SlthGenGenerator::SlthGen.Generator.Model.NetworkSpec;
using TicketSolver = SlthGenGenerator::SlthGen.Generator.Solving.TicketSolver;

namespace SlthGen.Generator.Tests;

/// <summary>
/// Garbage in, no crash out: the generator never throws into the compiler (no CS8785, no
/// SLTH099) for code that does not compile, generates nothing for it, and honours cancellation.
/// </summary>
public sealed class RobustnessTests
{
    private const string Head = """
        using SlthGen;

        [TicketNetwork(Seed = 1)]
        [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]

        """;

    /// <summary>What is wrong, the source, and the SlthGen diagnostics expected besides the compiler's own errors.</summary>
    public static TheoryData<string, string, string> Garbage => new()
    {
        { "null weights", Head + "[Layer(2, 1, null!)]\ninternal static partial class N { }", "SLTH010" },
        { "missing layer arguments", Head + "[Layer(2)]\ninternal static partial class N { }", "" },
        { "no layer arguments", Head + "[Layer]\ninternal static partial class N { }", "" },
        { "a broken layer after a valid one", Head + "[Layer(2, 1, new[] { 16, 16 })]\n[Layer(1)]\ninternal static partial class N { }", "" },
        { "an undefined name in the weights", Head + "[Layer(2, 1, new[] { 16, x })]\ninternal static partial class N { }", "" },
        { "double weights", Head + "[Layer(2, 1, new[] { 1.5, 2.5 })]\ninternal static partial class N { }", "" },
        { "string layer sizes", Head + "[Layer(\"2\", \"1\", new[] { 16, 16 })]\ninternal static partial class N { }", "" },
        { "a layer that is not constant", Head + "[Layer(2, 1, Weights.All)]\ninternal static partial class N { }\ninternal static class Weights { public static readonly int[] All = { 16, 16 }; }", "" },
        { "attributes on a struct", Head + "[Layer(2, 1, new[] { 16, 16 })]\ninternal partial struct N { }", "" },
        { "attributes on a record struct", Head + "[Layer(2, 1, new[] { 16, 16 })]\ninternal partial record struct N;", "" },
        { "attributes on an interface", Head + "[Layer(2, 1, new[] { 16, 16 })]\ninternal partial interface N { }", "" },
        { "attributes on an enum", Head + "[Layer(2, 1, new[] { 16, 16 })]\ninternal enum N { A }", "" },
        { "attributes on a method", "using SlthGen;\ninternal static partial class N\n{\n    [TicketNetwork]\n    [Layer(2, 1, new[] { 16, 16 })]\n    internal static void M() { }\n}", "" },
        { "an unfinished attribute", "using SlthGen;\n[TicketNetwork(Seed = \n[Layer(2, 1, new[] { 16, 16 })]\ninternal static partial class N { }", "SLTH003,SLTH004" },
        { "string precisions", "using SlthGen;\n[TicketNetwork]\n[Precision(TargetBits = \"4\", InputMin = \"a\")]\n[Layer(2, 1, new[] { 16, 16 })]\ninternal static partial class N { }", "SLTH005,SLTH005,SLTH005" }, // TicketBits left at 0 means automatic δ
        { "tests for an undefined type", "using SlthGen;\n[assembly: TicketTests(typeof(Missing))]\ninternal static class C { }", "" },
        { "tests without arguments", "using SlthGen;\n[assembly: TicketTests]\ninternal static class C { }", "" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Code_that_does_not_compile_never_crashes_the_generator(string what, string source, string expected)
    {
        var run = GeneratorHarness.Run(source);
        Assert.True(run.Result.Exception is null, what + ": " + run.Result.Exception);
        Assert.Equal(expected, string.Join(",", run.Diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal)));
        Assert.Empty(run.Sources);

        // Someone says why: SlthGen, or else the compiler.
        if (expected.Length == 0)
        {
            Assert.Contains(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    /// <summary>While code is being typed the generator keeps going from what the compiler recovered, with defaults for broken values.</summary>
    [Theory]
    [InlineData("a class without a body", Head + "[Layer(2, 1, new[] { 16, 16 })]\ninternal static partial class N")]
    [InlineData("a string seed", "using SlthGen;\n[TicketNetwork(Seed = \"x\")]\n[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]\n[Layer(2, 1, new[] { 16, 16 })]\ninternal static partial class N { }")]
    [InlineData("a duplicated network attribute", "using SlthGen;\n[TicketNetwork, TicketNetwork]\n[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]\n[Layer(2, 1, new[] { 16, 16 })]\ninternal static partial class N { }")]
    public void Recoverable_errors_still_generate(string what, string source)
    {
        var run = GeneratorHarness.Run(source);
        Assert.True(run.Result.Exception is null, what + ": " + run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Sources.Length);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Location.SourceTree is { } tree && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("typeof(int[])", "int[]")]
    [InlineData("typeof(System.Collections.Generic.List<>)", "System.Collections.Generic.List<")]
    public void Tests_for_a_type_that_cannot_be_a_network_are_reported(string type, string shown)
    {
        var run = GeneratorHarness.Run($"[assembly: SlthGen.TicketTests({type})]\ninternal static class C {{ }}");
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH022", diagnostic.Id);
        Assert.Contains("typeof(" + shown, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Tests_for_null_are_left_to_the_compiler()
    {
        var run = GeneratorHarness.Run("[assembly: SlthGen.TicketTests(null!)]\ninternal static class C { }");
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_cancelled_run_throws_operation_cancelled_and_the_driver_recovers()
    {
        var compilation = GeneratorHarness.CreateCompilation(NetworkSources.ThreeLayer);
        var driver = GeneratorHarness.CreateDriver();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token));

        var run = GeneratorHarness.Run(driver, compilation);
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void The_solver_lets_cancellation_through_instead_of_reporting_an_internal_error()
    {
        var spec = SpecOf(SharedRuns.ThreeLayer.Run);
        var options = new GeneratorOptions(EmitTests: true, GeneratorOptions.DefaultTableThreshold, GeneratorOptions.DefaultSolverBudget, GeneratorOptions.DefaultMaxWidth, default);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TicketSolver.Solve(spec, options, cancellation.Token));

        var solved = TicketSolver.Solve(spec, options, CancellationToken.None);
        Assert.NotNull(solved.Plan);
        Assert.Null(solved.Failure);
    }

    [Fact]
    public void Same_network_named_twice_by_ticket_tests_is_emitted_once()
    {
        // Both attributes in one file and once more in another: one tests file, no duplicate hint name.
        var library = ReferencedNetworkTests.Library();
        var compilation = GeneratorHarness.CreateCompilation(
            new[]
            {
                ("/src/A.cs", "[assembly: SlthGen.TicketTests(typeof(SlthGen.Samples.Xor.Xor))]\n[assembly: SlthGen.TicketTests(typeof(SlthGen.Samples.Xor.Xor))]"),
                ("/src/B.cs", "[assembly: SlthGen.TicketTests(typeof(SlthGen.Samples.Xor.Xor))]"),
            },
            extraReferences: new[] { library.Reference });
        var run = GeneratorHarness.Run(compilation);
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Equal("SlthGen.Samples.Xor.Xor.ReferencedTests.g.cs", Assert.Single(run.Sources).HintName);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void Ticket_tests_for_a_network_of_the_same_compilation_add_no_second_test_class()
    {
        string source = NetworkSources.Xor.Replace("using SlthGen;\n", "using SlthGen;\n\n[assembly: TicketTests(typeof(SlthGen.Samples.Xor.Xor))]\n", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(source).AssertCleanAndCompiles();
        Assert.Equal(
            new[] { "SlthGen.Samples.Xor.Xor.Tests.g.cs", "SlthGen.Samples.Xor.Xor.g.cs" },
            run.Sources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));
    }

    [Fact]
    public void No_tests_without_xunit_or_when_turned_off()
    {
        var withoutXunit = GeneratorHarness.Run(NetworkSources.Nested, xunit: false).AssertCleanAndCompiles();
        Assert.Equal("Outer.Space.Container+Middle+Doubler.g.cs", Assert.Single(withoutXunit.Sources).HintName);

        var turnedOff = GeneratorHarness.Run(NetworkSources.Nested, TestOptionsProvider.FromProperties(("SlthGen_EmitTests", "false"))).AssertCleanAndCompiles();
        Assert.Equal("Outer.Space.Container+Middle+Doubler.g.cs", Assert.Single(turnedOff.Sources).HintName);
    }

    [Fact]
    public void Networks_with_one_name_in_different_namespaces_get_distinct_files()
    {
        string Named(string ns) => NetworkSources.Nested.Replace("namespace Outer.Space", "namespace " + ns, StringComparison.Ordinal);
        var compilation = GeneratorHarness.CreateCompilation(new[] { ("/src/A.cs", Named("First")), ("/src/B.cs", Named("Second")) });
        var run = GeneratorHarness.Run(compilation).AssertCleanAndCompiles();
        Assert.Equal(4, run.Sources.Length);
        Assert.Equal(4, run.Sources.Select(s => s.HintName).Distinct(StringComparer.Ordinal).Count());
    }

    internal static NetworkSpec SpecOf(GeneratorRun run) =>
        (NetworkSpec)run.Result.TrackedSteps["Spec"].Single().Outputs.Single().Value;
}
