extern alias SlthGenGenerator;

using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SlthGen.Generator.Tests.Infrastructure;
using DiagnosticDescriptors = SlthGenGenerator::SlthGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace SlthGen.Generator.Tests;

/// <summary>
/// One test per diagnostic: the ID, the severity and the exact location (the offending attribute
/// or the class identifier, marked [|…|]); an invalid network generates nothing.
/// </summary>
public sealed class DiagnosticTests
{
    /// <summary>A valid Theorem 1 XOR; tests replace one piece of it.</summary>
    private const string NetworkAttribute = "TicketNetwork(Seed = 42)";
    private const string PrecisionAttribute = "Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)";
    private const string Layer1 = "Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })";
    private const string Layer2 = "Layer(2, 1, new[] { 16, 16 })";

    [Fact]
    public void SLTH001_not_partial() => AssertDiagnostic("SLTH001", Network(declaration: "public static class [|Net|]"));

    [Fact]
    public void SLTH001_containing_type_not_partial() => AssertDiagnostic("SLTH001", $$"""
        using SlthGen;

        /// <summary>Outer.</summary>
        public static class Outer
        {
            /// <summary>Net.</summary>
            [{{NetworkAttribute}}]
            [{{PrecisionAttribute}}]
            [{{Layer1}}]
            [{{Layer2}}]
            public static partial class [|Net|]
            {
            }
        }
        """);

    [Fact]
    public void SLTH002_generic() => AssertDiagnostic("SLTH002", Network(declaration: "public partial class [|Net|]<T>"));

    [Fact]
    public void SLTH002_nested_in_generic() => AssertDiagnostic("SLTH002", $$"""
        using SlthGen;

        /// <summary>Outer.</summary>
        public partial class Outer<T>
        {
            /// <summary>Net.</summary>
            [{{NetworkAttribute}}]
            [{{PrecisionAttribute}}]
            [{{Layer1}}]
            [{{Layer2}}]
            public static partial class [|Net|]
            {
            }
        }
        """);

    [Fact]
    public void SLTH003_missing_precision() => AssertDiagnostic("SLTH003", Network(network: $"[|{NetworkAttribute}|]", precision: null));

    [Fact]
    public void SLTH004_missing_layers() => AssertDiagnostic("SLTH004", Network(network: $"[|{NetworkAttribute}|]", layer1: null, layer2: null));

    [Theory]
    [InlineData("TargetBits = 0, InitBits = 8, TicketBits = 2, ActivationBits = 4", "TargetBits = 0")]
    [InlineData("TargetBits = 4, InitBits = 31, TicketBits = 2, ActivationBits = 4", "InitBits = 31")]
    [InlineData("TargetBits = 4, InitBits = 8, TicketBits = -1, ActivationBits = 4", "TicketBits = -1")]
    [InlineData("TargetBits = 4, InitBits = 8, TicketBits = 2", "ActivationBits = 0")]
    public void SLTH005_bits_out_of_range(string bits, string message) =>
        AssertDiagnostic("SLTH005", Network(precision: $"[|Precision({bits})|]"), message);

    [Fact]
    public void SLTH006_init_coarser_than_ticket() =>
        AssertDiagnostic("SLTH006", Network(precision: "[|Precision(TargetBits = 4, InitBits = 2, TicketBits = 3, ActivationBits = 4)|]"));

    [Fact]
    public void SLTH007_theorem_1_precision() =>
        AssertDiagnostic("SLTH007", Network(precision: "[|Precision(TargetBits = 8, InitBits = 8, TicketBits = 3, ActivationBits = 4)|]"), "at least 4");

    [Fact]
    public void SLTH008_theorem_2_precision() => AssertDiagnostic("SLTH008", Network(
        network: "TicketNetwork(Seed = 7, Construction = TicketConstruction.DepthLPlus1)",
        precision: "[|Precision(TargetBits = 4, InitBits = 6, TicketBits = 3, ActivationBits = 4)|]"));

    [Fact]
    public void SLTH009_chain_broken() => AssertDiagnostic("SLTH009", Network(layer2: "[|Layer(3, 1, new[] { 16, 16, 16 })|]"), "Layer 2 has 3 inputs but layer 1 has 2 outputs");

    [Fact]
    public void SLTH010_weight_count() => AssertDiagnostic("SLTH010", Network(layer2: "[|Layer(2, 1, new[] { 16 })|]"), "needs 2 weights");

    [Fact]
    public void SLTH010_null_weights() => AssertDiagnostic("SLTH010", Network(layer2: "[|Layer(2, 1, null!)|]"), "has 0");

    [Fact]
    public void SLTH011_weight_out_of_range() => AssertDiagnostic("SLTH011", Network(layer1: "[|Layer(2, 2, new[] { 16, -16, -17, 16 })|]"), "[1,0] = -17");

    [Fact]
    public void SLTH012_bias_out_of_range() => AssertDiagnostic("SLTH012", Network(layer1: "[|Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 17 })|]"), "bias [1] = 17");

    [Fact]
    public void SLTH013_bias_count() => AssertDiagnostic("SLTH013", Network(layer2: "[|Layer(2, 1, new[] { 16, 16 }, Biases = new[] { 0, 0 })|]"), "1 outputs but 2 biases");

    [Theory]
    [InlineData("InputMin = -0.3", "InputMin = -0.3")]
    [InlineData("InputMax = 0.03125", "InputMax = 0.03125")]
    [InlineData("InputMax = 1e300", "InputMax")]
    [InlineData("InputMin = double.NaN", "InputMin = NaN")]
    public void SLTH014_input_range_off_grid(string range, string message) =>
        AssertDiagnostic("SLTH014", Network(precision: $"[|Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4, {range})|]"), message);

    [Fact]
    public void SLTH015_input_range_empty() =>
        AssertDiagnostic("SLTH015", Network(precision: "[|Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4, InputMin = 1, InputMax = -1)|]"));

    [Fact]
    public void SLTH016_given_width_too_small()
    {
        var diagnostic = AssertDiagnostic("SLTH016", Network(network: "[|TicketNetwork(Seed = 42, HiddenPerInput = 1)|]"), "Width 1 is too small");
        AssertNamesTheInstance(diagnostic);
    }

    [Fact]
    public void SLTH016_given_copies_too_small()
    {
        var diagnostic = AssertDiagnostic("SLTH016", Network(
            network: "[|TicketNetwork(Seed = 7, Construction = TicketConstruction.DepthLPlus1, Copies = 1)|]",
            precision: "Precision(TargetBits = 4, InitBits = 6, TicketBits = 4, ActivationBits = 4)"));
        AssertNamesTheInstance(diagnostic);
    }

    [Fact]
    public void SLTH024_given_width_above_the_cap() =>
        AssertDiagnostic("SLTH024", Network(network: "[|TicketNetwork(Seed = 42, HiddenPerInput = 2000000000)|]"), "HiddenPerInput = 2000000000 is above the width cap 256");

    [Fact]
    public void SLTH017_no_width_up_to_the_cap()
    {
        var diagnostic = AssertDiagnostic("SLTH017", Network(network: $"[|{NetworkAttribute}|]"), "No width up to 1", TestOptionsProvider.FromProperties(("SlthGen_MaxWidth", "1")));
        AssertNamesTheInstance(diagnostic);
    }

    [Fact]
    public void SLTH017_solver_budget_exhausted()
    {
        var diagnostic = AssertDiagnostic(
            "SLTH017",
            Network(network: $"[|{NetworkAttribute}|]"),
            "exceeded the solver's work budget",
            TestOptionsProvider.FromProperties(("SlthGen_SolverBudget", "1")));
        AssertNamesTheInstance(diagnostic);
    }

    [Fact]
    public void SLTH018_target_sums_beyond_64_bits()
    {
        // 8 inputs of |x| ≤ 2·10^9 units times weights 2^30: Σ|w·x| ≈ 1.7·10^19 > 2^63.
        string weights = string.Join(", ", Enumerable.Repeat("1073741824", 8));
        AssertDiagnostic("SLTH018", Network(
            precision: "[|Precision(TargetBits = 30, InitBits = 15, TicketBits = 15, ActivationBits = 1, InputMin = -1000000000, InputMax = 1000000000)|]",
            layer1: $"Layer(8, 1, new[] {{ {weights} }})",
            layer2: null), "beyond 64-bit integers");
    }

    [Fact]
    public void SLTH018_outputs_beyond_32_bits() => AssertDiagnostic("SLTH018", Network(
        precision: "[|Precision(TargetBits = 1, InitBits = 2, TicketBits = 1, ActivationBits = 1, InputMin = -1000000000, InputMax = 1000000000)|]",
        layer1: "Layer(2, 1, new[] { 2, 2 })",
        layer2: null), "beyond the 32-bit integers");

    [Theory]
    [InlineData("SlthGen_EmitTests", "maybe")]
    [InlineData("SlthGen_TableThreshold", "-1")]
    [InlineData("SlthGen_TableThreshold", "lots")]
    [InlineData("SlthGen_SolverBudget", "0")]
    [InlineData("SlthGen_SolverBudget", "1e9")]
    [InlineData("SlthGen_MaxWidth", "0")]
    [InlineData("SlthGen_MaxWidth", "5000")]
    public void SLTH019_invalid_option(string property, string value)
    {
        // The option falls back to its default, so the network still generates; the error has no source location.
        var run = GeneratorHarness.Run(NetworkSources.Xor, TestOptionsProvider.FromProperties((property, value)));
        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH019", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Contains($"{property} = '{value}'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void SLTH019_reported_without_any_network()
    {
        var run = GeneratorHarness.Run("internal static class Empty { }", TestOptionsProvider.FromProperties(("SlthGen_MaxWidth", "wide")));
        Assert.Equal("SLTH019", Assert.Single(run.Diagnostics).Id);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("Layer(0, 1, new int[0])", "0 inputs and 1 outputs")]
    [InlineData("Layer(2, -1, new int[0])", "2 inputs and -1 outputs")]
    public void SLTH020_invalid_layer_shape(string layer, string message) => AssertDiagnostic("SLTH020", Network(layer1: $"[|{layer}|]", layer2: null), message);

    [Theory]
    [InlineData("HiddenPerInput = -1", "HiddenPerInput = -1")]
    [InlineData("Copies = -3", "Copies = -3")]
    public void SLTH021_negative_width(string width, string message) => AssertDiagnostic("SLTH021", Network(network: $"[|TicketNetwork(Seed = 42, {width})|]"), message);

    [Fact]
    public void SLTH022_tests_for_a_type_that_is_not_a_network() => AssertDiagnostic("SLTH022", """
        using SlthGen;

        [assembly: [|TicketTests(typeof(Plain))|]]

        /// <summary>Not a network.</summary>
        public static class Plain
        {
        }
        """, "typeof(Plain)");

    [Fact]
    public void SLTH022_reported_for_every_bad_attribute()
    {
        const string Source = """
            using SlthGen;

            [assembly: TicketTests(typeof(Plain))]
            [assembly: TicketTests(typeof(System.Collections.Generic.List<>))]

            /// <summary>Not a network.</summary>
            public static class Plain
            {
            }
            """;
        var run = GeneratorHarness.Run(Source);
        Assert.Equal(new[] { "SLTH022", "SLTH022" }, run.Diagnostics.Select(d => d.Id));
        Assert.Equal(new[] { 2, 3 }, run.Diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line).OrderBy(l => l));
    }

    [Fact]
    public void SLTH023_unknown_construction() => AssertDiagnostic("SLTH023", Network(network: "[|TicketNetwork(Seed = 42, Construction = (TicketConstruction)5)|]"), "Construction = 5");

    [Fact]
    public void SLTH033_unknown_block_layout() => AssertDiagnostic("SLTH033", Network(network: "[|TicketNetwork(Seed = 42, Blocks = (BlockLayout)7)|]"), "Blocks = 7");

    [Theory]
    [InlineData("TicketNetwork(Seed = 42)")]
    [InlineData("TicketNetwork(Seed = 42, Construction = TicketConstruction.DepthLPlus1, Blocks = BlockLayout.Fixed)")]
    public void TicketBits_0_is_accepted_and_the_emitted_code_names_the_chosen_delta(string network)
    {
        var run = GeneratorHarness.Run(Network(network: network, precision: "Precision(TargetBits = 4, InitBits = 8, TicketBits = 0, ActivationBits = 4)"));
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        string source = string.Concat(run.Sources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain("new global::SlthGen.Precision(0)", source, StringComparison.Ordinal);
        Assert.Matches(@"new global::SlthGen\.Precision\(8\), new global::SlthGen\.Precision\([1-8]\)\)", source);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var run = GeneratorHarness.Run(Network(
            declaration: "public static class Net",
            precision: "Precision(TargetBits = 4, InitBits = 2, TicketBits = 3, ActivationBits = 4, InputMin = 1, InputMax = -1)",
            layer2: "Layer(3, 1, new[] { 16, 16, 99 })"));
        Assert.Equal(new[] { "SLTH001", "SLTH006", "SLTH009", "SLTH011", "SLTH015" }, run.Diagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Every_descriptor_has_an_id_a_help_link_and_is_an_error()
    {
        var descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in descriptors)
        {
            Assert.Matches("^SLTH[0-9]{3}$", descriptor.Id);
            Assert.Equal("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        }

        // SLTH001–SLTH024 and SLTH033 (the attribute and option diagnostics) each have a test in
        // this class; SLTH025–SLTH029 are tested in HardeningTests.
        var tested = typeof(DiagnosticTests).GetMethods()
            .Select(m => m.Name)
            .Where(n => n.StartsWith("SLTH", StringComparison.Ordinal))
            .Select(n => n.Substring(0, 7))
            .ToHashSet(StringComparer.Ordinal);
        foreach (int id in Enumerable.Range(1, 24).Append(33))
        {
            string name = "SLTH" + id.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(descriptors, d => d.Id == name);
            Assert.Contains(name, tested);
        }
    }

    /// <summary>The XOR network with pieces replaced (null drops an attribute).</summary>
    private static string Network(
        string declaration = "public static partial class Net",
        string? network = NetworkAttribute,
        string? precision = PrecisionAttribute,
        string? layer1 = Layer1,
        string? layer2 = Layer2)
    {
        var attributes = new[] { network, precision, layer1, layer2 }.Where(a => a is not null).Select(a => "[" + a + "]");
        return "using SlthGen;\n\n/// <summary>Net.</summary>\n" + string.Join("\n", attributes) + "\n" + declaration + "\n{\n}\n";
    }

    /// <summary>
    /// Runs the generator over the marked-up source and asserts that it reports exactly one
    /// diagnostic, <paramref name="id"/>, as an error at the marked span, and generates nothing.
    /// </summary>
    private static Diagnostic AssertDiagnostic(string id, string markup, string? messagePart = null, TestOptionsProvider? options = null)
    {
        var (source, span) = Markup.Parse(markup);
        var run = GeneratorHarness.Run(source, options);
        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);

        var expected = SourceText.From(source).Lines.GetLinePositionSpan(span);
        var actual = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/Network.cs", actual.Path);
        Assert.Equal(expected, actual.Span);
        Assert.Equal(span, diagnostic.Location.SourceSpan);

        if (messagePart is not null)
        {
            Assert.Contains(messagePart, diagnostic.GetMessage(), StringComparison.Ordinal);
        }

        Assert.Empty(run.Sources);
        return diagnostic;
    }

    /// <summary>A solver failure says which instance failed: layer, output and input.</summary>
    private static void AssertNamesTheInstance(Diagnostic diagnostic)
    {
        string message = diagnostic.GetMessage();
        Assert.Matches(@"layer \d+", message);
        Assert.Matches(@"output \d+", message);
        Assert.Matches(@"input \d+", message);
    }
}
