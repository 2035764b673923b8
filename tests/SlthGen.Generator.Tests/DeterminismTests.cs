extern alias SlthGenGenerator;

using System;
using System.Linq;
using System.Text;
using System.Threading;
using SlthGen.Generator.Tests.Infrastructure;
using Gen = SlthGenGenerator::SlthGen;
using GeneratorOptions = SlthGenGenerator::SlthGen.Generator.Model.GeneratorOptions;
using TicketSolver = SlthGenGenerator::SlthGen.Generator.Solving.TicketSolver;

namespace SlthGen.Generator.Tests;

/// <summary>The generated files depend only on the source and the options: not on the run, the thread count or the other networks.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Two_fresh_drivers_generate_the_same_bytes()
    {
        (string, string)[] Sources() => new[]
        {
            ("/src/Xor.cs", NetworkSources.Xor),
            ("/src/XorShallow.cs", NetworkSources.XorShallow),
            ("/src/Nested.cs", NetworkSources.Nested),
        };

        var first = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Sources())).AssertCleanAndCompiles();
        var second = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Sources())).AssertCleanAndCompiles();
        Assert.Equal(6, first.Sources.Length);
        Assert.Equal(first.Sources.Select(s => s.HintName), second.Sources.Select(s => s.HintName));
        for (int i = 0; i < first.Sources.Length; i++)
        {
            Assert.Equal(Bytes(first.Sources[i].SourceText.ToString()), Bytes(second.Sources[i].SourceText.ToString()));
            Assert.Equal(first.Sources[i].SourceText.Encoding?.WebName, second.Sources[i].SourceText.Encoding?.WebName);
        }

        // A network's file does not depend on the other networks of the compilation.
        Assert.Equal(SharedRuns.Xor.Run.Source("SlthGen.Samples.Xor.Xor.g.cs"), first.Source("SlthGen.Samples.Xor.Xor.g.cs"));
        Assert.Equal(SharedRuns.Nested.Run.Source("Outer.Space.Container+Middle+Doubler.g.cs"), first.Source("Outer.Space.Container+Middle+Doubler.g.cs"));
    }

    [Fact]
    public void Generated_text_does_not_depend_on_the_current_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            // Comma decimal separator, non-ASCII minus sign.
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("sv-SE");
            var run = GeneratorHarness.Run(NetworkSources.Xor);
            Assert.Equal(SharedRuns.Xor.Run.Source("SlthGen.Samples.Xor.Xor.g.cs"), run.Source("SlthGen.Samples.Xor.Xor.g.cs"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_ticket_does_not_depend_on_the_thread_count(int threads)
    {
        // The generator solves with every core; the same build on one or a few threads must find the same ticket.
        var spec = RobustnessTests.SpecOf(SharedRuns.ThreeLayer.Run);
        var options = new GeneratorOptions(EmitTests: true, GeneratorOptions.DefaultTableThreshold, GeneratorOptions.DefaultSolverBudget, GeneratorOptions.DefaultMaxWidth, SlthGenGenerator::SlthGen.Generator.Model.Limits.Default, default);
        var plan = TicketSolver.Solve(spec, options, CancellationToken.None).Plan!;

        var defaults = TicketSolver.ToSettings(spec, options);
        var settings = new Gen.TicketSettings(defaults.Seed, defaults.Construction, defaults.Initial, defaults.Reduced)
        {
            HiddenPerInput = defaults.HiddenPerInput,
            Copies = defaults.Copies,
            MaxWidth = defaults.MaxWidth,
            MaxDegreeOfParallelism = threads,
            Solver = new Gen.SubsetSumOptions { WorkBudget = defaults.Solver.WorkBudget, MaxDegreeOfParallelism = threads },
        };
        var ticket = Gen.TicketBuilder.BuildOrThrow(TicketSolver.ToTarget(spec), settings);

        Assert.Equal(plan.Layers.Count, ticket.Layers.Count);
        for (int i = 0; i < ticket.Layers.Count; i++)
        {
            var expected = plan.Layers[i];
            var actual = ticket.Layers[i];
            Assert.Equal((expected.GLayer, expected.Rows, expected.Columns, expected.Relu, expected.Shift), (actual.GLayer, actual.Rows, actual.Columns, actual.Relu, actual.Shift));
            Assert.Equal(expected.RowStart.ToArray(), actual.RowStart.ToArray());
            Assert.Equal(expected.ColumnIndices.ToArray(), actual.ColumnIndices.ToArray());
            Assert.Equal(expected.Weights.ToArray().Select(w => (long)w), actual.Weights.ToArray());
        }
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
