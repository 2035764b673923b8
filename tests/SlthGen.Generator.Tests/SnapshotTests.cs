using System.Linq;
using SlthGen.Generator.Tests.Infrastructure;

namespace SlthGen.Generator.Tests;

/// <summary>
/// The emitted source of representative networks, against approved files in Snapshots/; every
/// generated file compiles without errors or warnings (C# 12, .NET 8, nullable, XML docs checked).
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Xor_theorem_1_with_biases() => Verify(nameof(Xor_theorem_1_with_biases), SharedRuns.Xor.Run);

    [Fact]
    public void Xor_theorem_2() => Verify(nameof(Xor_theorem_2), SharedRuns.XorShallow.Run);

    [Fact]
    public void Three_layers_with_zero_and_unit_weights_and_odd_widths() => Verify(nameof(Three_layers_with_zero_and_unit_weights_and_odd_widths), SharedRuns.ThreeLayer.Run);

    [Fact]
    public void Nested_partial_class_in_a_namespace() => Verify(nameof(Nested_partial_class_in_a_namespace), SharedRuns.Nested.Run);

    [Fact]
    public void Table_mode_through_the_msbuild_option()
    {
        const string HintName = "SlthGen.Samples.Xor.Xor.g.cs";
        Verify(nameof(Table_mode_through_the_msbuild_option), SharedRuns.XorTable.Run);

        // Every layer is driven by data tables; with the default threshold the same network is unrolled.
        Assert.Contains("the runtime's table kernels run the ticket from its data", SharedRuns.XorTable.Run.Source(HintName), System.StringComparison.Ordinal);
        Assert.DoesNotContain("the runtime's table kernels run the ticket from its data", SharedRuns.Xor.Run.Source(HintName), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Record_class() => Verify(nameof(Record_class), GeneratorHarness.Run(NetworkSources.RecordNetwork).AssertCleanAndCompiles());

    private static void Verify(string test, GeneratorRun run)
    {
        // The network's partial class and, as the compilation references xunit, its tests.
        Assert.Equal(2, run.Sources.Length);
        ApprovedFiles.Verify(test, run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }
}
