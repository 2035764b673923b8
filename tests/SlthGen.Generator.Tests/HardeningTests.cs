extern alias SlthGenGenerator;

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SlthGen.Generator.Tests.Infrastructure;
using GeneratedNames = SlthGenGenerator::SlthGen.Generator.Model.GeneratedNames;
using LanguageVersions = SlthGenGenerator::SlthGen.Generator.Model.LanguageVersions;
using TicketGenerator = SlthGenGenerator::SlthGen.Generator.TicketGenerator;

namespace SlthGen.Generator.Tests;

/// <summary>
/// Regression tests for the front end's failure classes (issue 12): names the generated code
/// would collide with, keywords, hint names, the language version, size limits, the total work
/// budget, layers on several partial declarations, and where each diagnostic is reported.
/// </summary>
public sealed class HardeningTests
{
    private const string Attributes = """
        [TicketNetwork(Seed = 42)]
        [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
        [Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
        [Layer(2, 1, new[] { 16, 16 })]
        """;

    [Theory]
    [InlineData("Evaluate", "public static int [|Evaluate|]() => 0;")]
    [InlineData("InputCount", "public const int [|InputCount|] = 2;")]
    [InlineData("Ticket", "public static object? [|Ticket|];")]
    [InlineData("SlthGenImplementation", "private static class [|SlthGenImplementation|] { }")]
    [InlineData("VerifyKeptWeights", "public static void [|VerifyKeptWeights|](int x) { }")]
    public void SLTH027_the_class_declares_a_generated_member(string member, string declaration)
    {
        var diagnostic = AssertDiagnostic("SLTH027", "using SlthGen;\n\n/// <summary>Net.</summary>\n" + Attributes + "\npublic static partial class Net\n{\n    /// <summary>Mine.</summary>\n    " + declaration + "\n}\n");
        Assert.Contains($"'Net' already declares '{member}'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ticket")]
    [InlineData("TargetNetwork")]
    [InlineData("Evaluate")]
    public void SLTH027_the_class_is_named_like_a_generated_member(string name)
    {
        var diagnostic = AssertDiagnostic("SLTH027", "using SlthGen;\n\n/// <summary>Net.</summary>\n" + Attributes + "\npublic static partial class [|" + name + "|]\n{\n}\n");
        Assert.Contains("has the name of a generated member", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void SLTH027_the_generated_test_class_name_is_taken()
    {
        string source = "using SlthGen;\n\n/// <summary>Net.</summary>\n[[|TicketNetwork(Seed = 42)|]]\n" + string.Join("\n", Attributes.Split('\n').Skip(1)) + "\npublic static partial class Net\n{\n}\n\n/// <summary>Taken.</summary>\npublic static class NetTicketTests\n{\n}\n";
        var (text, span) = Markup.Parse(source);
        var run = GeneratorHarness.Run(text);
        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH027", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Contains("'NetTicketTests'", diagnostic.GetMessage(), StringComparison.Ordinal);

        // The network itself is still generated; only the test class is left out, so nothing else fails to compile.
        Assert.Single(run.Sources);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // Without xunit no test class is emitted, so nothing collides.
        var withoutXunit = GeneratorHarness.Run(text, xunit: false);
        Assert.Empty(withoutXunit.Diagnostics);
    }

    [Fact]
    public void SLTH027_two_networks_would_share_a_test_class()
    {
        const string Source = """
            using SlthGen;

            /// <summary>One.</summary>
            public static partial class One
            {
                /// <summary>Net.</summary>
                [TicketNetwork(Seed = 1)]
                [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
                [Layer(2, 1, new[] { 16, 16 })]
                public static partial class Net
                {
                }
            }

            /// <summary>Two.</summary>
            public static partial class Two
            {
                /// <summary>Net.</summary>
                [TicketNetwork(Seed = 2)]
                [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
                [Layer(2, 1, new[] { 16, 16 })]
                public static partial class Net
                {
                }
            }
            """;
        var run = GeneratorHarness.Run(Source);
        Assert.Null(run.Result.Exception);
        Assert.Equal(new[] { "SLTH027", "SLTH027" }, run.Diagnostics.Select(d => d.Id));
        Assert.All(run.Diagnostics, d => Assert.Contains("also named 'Net'", d.GetMessage(), StringComparison.Ordinal));
        Assert.Equal(2, run.Sources.Length); // the networks, without tests
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void The_generated_member_list_is_the_documented_public_api()
    {
        Assert.Equal(
            new[] { "InputCount", "OutputCount", "InputMin", "InputMax", "Evaluate", "EvaluateUnchecked", "EvaluateReference", "EvaluateBatch", "EvaluateReferenceBatch", "Ticket", "TargetNetwork", "InterpretedTicket", "Verify", "VerifyTicket", "VerifyBatch", "VerifyKeptWeights", "SlthGenImplementation" },
            GeneratedNames.Members);
    }

    [Fact]
    public void Keyword_type_and_namespace_names_are_escaped_and_compile()
    {
        const string Source = """
            using SlthGen;

            namespace @event.@static
            {
                /// <summary>Outer.</summary>
                public static partial class @static
                {
                    /// <summary>Net.</summary>
                    [TicketNetwork(Seed = 42)]
                    [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
                    [Layer(2, 1, new[] { 16, 16 })]
                    public static partial class @class
                    {
                    }
                }
            }
            """;
        var run = GeneratorHarness.Run(Source).AssertCleanAndCompiles();
        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void Names_that_sanitise_alike_get_different_hint_names()
    {
        // U+203F (undertie) is a legal identifier character; file names keep only ASCII, so both
        // classes would be "A_B" without the hash of the exact name.
        const string Source = """
            using SlthGen;

            /// <summary>One.</summary>
            [TicketNetwork(Seed = 1)]
            [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
            [Layer(2, 1, new[] { 16, 16 })]
            public static partial class A_B
            {
            }

            /// <summary>Two.</summary>
            [TicketNetwork(Seed = 2)]
            [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
            [Layer(2, 1, new[] { 16, 16 })]
            public static partial class A‿B
            {
            }
            """;
        var run = GeneratorHarness.Run(Source).AssertCleanAndCompiles();
        var names = run.Sources.Select(s => s.HintName).ToList();
        Assert.Equal(4, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("A_B.g.cs", names);
        Assert.Contains(names, n => n.StartsWith("A_B-", StringComparison.Ordinal) && n.EndsWith(".g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_that_differ_only_in_case_get_different_hint_names()
    {
        const string Source = """
            using SlthGen;

            /// <summary>One.</summary>
            [TicketNetwork(Seed = 1)]
            [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
            [Layer(2, 1, new[] { 16, 16 })]
            public static partial class Net
            {
            }

            /// <summary>Two.</summary>
            [TicketNetwork(Seed = 2)]
            [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
            [Layer(2, 1, new[] { 16, 16 })]
            public static partial class NET
            {
            }
            """;
        var run = GeneratorHarness.Run(Source, xunit: false);
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "11", "10")]
    [InlineData(LanguageVersion.CSharp8, "11", "8")]
    [InlineData(LanguageVersion.CSharp7_3, "11", "7.3")]
    public void SLTH028_language_version_too_old(LanguageVersion version, string needed, string actual)
    {
        var (source, span) = Markup.Parse("using SlthGen;\n\n/// <summary>Net.</summary>\n[[|TicketNetwork(Seed = 42)|]]\n" + string.Join("\n", Attributes.Split('\n').Skip(1)) + "\npublic static partial class Net\n{\n}\n");
        var options = GeneratorHarness.ParseOptions.WithLanguageVersion(version);
        var compilation = CSharpCompilation.Create("Old", new[] { CSharpSyntaxTree.ParseText(source, options, "/src/Network.cs") }, GeneratorHarness.References, GeneratorHarness.CompilationOptions);
        var driver = CSharpGeneratorDriver.Create(new[] { new TicketGenerator().AsSourceGenerator() }, parseOptions: options, optionsProvider: TestOptionsProvider.Empty);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SLTH028", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Contains($"needs C# {needed} or newer, but the project compiles with C# {actual}", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"<LangVersion>{needed}</LangVersion>", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void The_language_versions_needed_are_9_without_vectors_and_11_with_them()
    {
        Assert.Equal(9, LanguageVersions.For(hasVectors: false));
        Assert.Equal(11, LanguageVersions.For(hasVectors: true));
    }

    [Fact]
    public void The_generated_code_compiles_at_the_language_version_it_asks_for()
    {
        var options = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp11);
        var compilation = CSharpCompilation.Create("Eleven", new[] { CSharpSyntaxTree.ParseText(NetworkSources.Xor, options, "/src/Network.cs") }, GeneratorHarness.References, GeneratorHarness.CompilationOptions);
        var driver = CSharpGeneratorDriver.Create(new[] { new TicketGenerator().AsSourceGenerator() }, parseOptions: options, optionsProvider: TestOptionsProvider.Empty);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        GeneratorHarness.AssertCompilesCleanly(output);
    }

    [Theory]
    [InlineData("SlthGen_MaxTargetParameters", "5", "The target's number of weights and biases is 8, above the limit 5 (SlthGen_MaxTargetParameters)")]
    [InlineData("SlthGen_MaxKeptWeights", "3", "(one per non-zero target weight) is 6, above the limit 3 (SlthGen_MaxKeptWeights)")]
    [InlineData("SlthGen_MaxKeptWeights", "7", "The ticket's number of kept weights is")]
    [InlineData("SlthGen_MaxGParameters", "10", "above the limit 10 (SlthGen_MaxGParameters)")]
    public void SLTH025_size_limits_are_located_and_name_the_property(string property, string value, string message)
    {
        var diagnostic = AssertDiagnostic("SLTH025", "using SlthGen;\n\n/// <summary>Net.</summary>\n[[|TicketNetwork(Seed = 42)|]]\n" + string.Join("\n", Attributes.Split('\n').Skip(1)) + "\npublic static partial class Net\n{\n}\n", TestOptionsProvider.FromProperties((property, value)));
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"Raise <{property}>", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void SLTH026_the_total_work_budget_bounds_the_solve()
    {
        var diagnostic = AssertDiagnostic("SLTH026", "using SlthGen;\n\n/// <summary>Net.</summary>\n[[|TicketNetwork(Seed = 42)|]]\n" + string.Join("\n", Attributes.Split('\n').Skip(1)) + "\npublic static partial class Net\n{\n}\n", TestOptionsProvider.FromProperties(("SlthGen_SolveWorkBudget", "100")));
        Assert.Contains("more than 100 units", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("<SlthGen_SolveWorkBudget>", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_total_work_budget_decides_deterministically()
    {
        // The same budget gives the same outcome on every run, however the threads interleave.
        var options = TestOptionsProvider.FromProperties(("SlthGen_SolveWorkBudget", "2000"));
        var outcomes = Enumerable.Range(0, 4).Select(_ => string.Join(",", GeneratorHarness.Run(NetworkSources.Xor, options).Diagnostics.Select(d => d.Id))).Distinct().ToList();
        Assert.Single(outcomes);
    }

    [Theory]
    [InlineData("SlthGen_MaxWeightsFileBytes", "0")]
    [InlineData("SlthGen_SolveWorkBudget", "lots")]
    public void SLTH019_says_where_properties_are_set(string property, string value)
    {
        var run = GeneratorHarness.Run(NetworkSources.Xor, TestOptionsProvider.FromProperties((property, value)));
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH019", diagnostic.Id);
        Assert.Contains("in the project file", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Directory.Build.props", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void SLTH029_layers_on_several_partial_declarations()
    {
        const string First = """
            using SlthGen;

            /// <summary>Net.</summary>
            [TicketNetwork(Seed = 42)]
            [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
            [Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
            public static partial class Net
            {
            }
            """;
        const string Second = """
            using SlthGen;

            [Layer(2, 1, new[] { 16, 16 })]
            public static partial class Net
            {
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(new[] { ("/src/B.cs", First), ("/src/A.cs", Second) });
        var run = GeneratorHarness.Run(compilation);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH029", diagnostic.Id);
        Assert.Contains("on 2 partial declarations", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void SLTH017_at_the_finest_delta_does_not_suggest_a_finer_one()
    {
        // TicketBits = InitBits: δ cannot be finer than δin, so the message says to refine both.
        var diagnostic = AssertDiagnostic(
            "SLTH017",
            "using SlthGen;\n\n/// <summary>Net.</summary>\n[[|TicketNetwork(Seed = 42)|]]\n[Precision(TargetBits = 4, InitBits = 2, TicketBits = 2, ActivationBits = 4)]\n[Layer(2, 1, new[] { 16, 16 })]\npublic static partial class Net\n{\n}\n",
            TestOptionsProvider.FromProperties(("SlthGen_MaxWidth", "1")));
        Assert.Contains("a finer δ together with a finer δin", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("or use a finer δ (", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_diagnostics_are_real_source_locations()
    {
        var run = GeneratorHarness.Run("using SlthGen;\n\n/// <summary>Net.</summary>\n[TicketNetwork(Seed = 42)]\n[Precision(TargetBits = 0, InitBits = 8, TicketBits = 2, ActivationBits = 4)]\n[Layer(2, 1, new[] { 16, 16 })]\npublic static partial class Net\n{\n}\n");
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.Same(run.Input.SyntaxTrees.Single(), diagnostic.Location.SourceTree);
    }

    private static Diagnostic AssertDiagnostic(string id, string markup, TestOptionsProvider? options = null)
    {
        var (source, span) = Markup.Parse(markup);
        var run = GeneratorHarness.Run(source, options);
        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/src/Network.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(SourceText.From(source).Lines.GetLinePositionSpan(span), diagnostic.Location.GetLineSpan().Span);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(run.Sources);
        return diagnostic;
    }
}
