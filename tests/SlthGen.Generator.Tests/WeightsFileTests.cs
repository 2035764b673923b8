extern alias SlthGenGenerator;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SlthGen.Generator.Tests.Infrastructure;
using WeightsFileParser = SlthGenGenerator::SlthGen.Generator.Parsing.WeightsFileParser;

namespace SlthGen.Generator.Tests;

/// <summary>[WeightsFile]: every format read, every malformed case a clear message at the file.</summary>
public sealed class WeightsFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slthgen-weights-" + Guid.NewGuid().ToString("N"));

    public WeightsFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] XorNpz(NpyDType type = NpyDType.Int8) => new NpzArchive(new[]
    {
        Entry("W1", NpyArray.Create(type, new[] { 2, 2 }, new long[] { 16, -16, -16, 16 })),
        Entry("b1", NpyArray.Create(type, new[] { 2 }, new long[] { 0, 0 })),
        Entry("W2", NpyArray.Create(type, new[] { 1, 2 }, new long[] { 16, 16 })),
    }).ToBytes();

    private const string XorJson = """{ "layers": [ { "weights": [[16, -16], [-16, 16]], "biases": [0, 0] }, { "weights": [[16, 16]] } ] }""";

    [Theory]
    [InlineData(NpyDType.Int8)]
    [InlineData(NpyDType.Int16)]
    [InlineData(NpyDType.Int32)]
    public void Npz_layers_are_read(NpyDType type)
    {
        var content = WeightsFileParser.Parse("w.npz", XorNpz(type));
        Assert.Null(content.Error);
        Assert.Equal(2, content.Layers.Count);
        Assert.Equal(new[] { 16, -16, -16, 16 }, content.Layers[0].Weights.ToArray());
        Assert.True(content.Layers[0].HasBiases);
        Assert.False(content.Layers[1].HasBiases);
        Assert.Equal((2, 1), (content.Layers[1].Inputs, content.Layers[1].Outputs));
    }

    [Fact]
    public void Npy_and_json_are_read()
    {
        var npy = WeightsFileParser.Parse("w.npy", NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int16, new[] { 1, 3 }, new long[] { 1, -2, 3 })));
        Assert.Null(npy.Error);
        Assert.Equal((3, 1), (npy.Layers[0].Inputs, npy.Layers[0].Outputs));
        var json = WeightsFileParser.Parse("w.json", Encoding.UTF8.GetBytes(XorJson));
        Assert.Null(json.Error);
        Assert.Equal(new[] { 16, 16 }, json.Layers[1].Weights.ToArray());
    }

    [Theory]
    [InlineData("not a zip", "w.npz")]
    [InlineData("bad magic", "w.npy")]
    [InlineData("truncated npy", "w.npy")]
    [InlineData("fortran order", "w.npy")]
    [InlineData("float npy", "w.npy")]
    [InlineData("float npz", "w.npz")]
    [InlineData("1-D weights", "w.npz")]
    [InlineData("no W1", "w.npz")]
    [InlineData("stray array", "w.npz")]
    [InlineData("bias shape", "w.npz")]
    [InlineData("bad json", "w.json")]
    [InlineData("no layers", "w.json")]
    [InlineData("ragged rows", "w.json")]
    [InlineData("fractional json", "w.json")]
    public void Malformed_files_get_a_clear_message(string problem, string name)
    {
        var (bytes, expected) = Malformed(problem);
        var content = WeightsFileParser.Parse(name, bytes);
        Assert.NotNull(content.Error);
        Assert.Contains(expected, content.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(content.Layers);
    }

    private static (byte[] Bytes, string Message) Malformed(string problem)
    {
        var good = NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int8, new[] { 2, 2 }, new long[] { 1, 2, 3, 4 }));
        switch (problem)
        {
            case "not a zip":
                return (Encoding.ASCII.GetBytes("hello, not a zip"), "zip");
            case "bad magic":
                var magic = (byte[])good.Clone();
                magic[1] = (byte)'X';
                return (magic, "magic");
            case "truncated npy":
                return (good.Take(good.Length - 2).ToArray(), "truncated");
            case "fortran order":
                var text = Encoding.Latin1.GetString(good).Replace("'fortran_order': False", "'fortran_order': True ");
                return (Encoding.Latin1.GetBytes(text), "fortran");
            case "float npy":
                return (NpyWriter.ToBytes(NpyArray.FromSingles(new[] { 1, 2 }, new[] { 0.5f, -0.25f })), "np.round(w * 2**TargetBits)");
            case "float npz":
                return (new NpzArchive(new[] { Entry("W1", NpyArray.FromSingles(new[] { 1, 2 }, new[] { 0.5f, -0.25f })) }).ToBytes(), "np.round(w * 2**TargetBits)");
            case "1-D weights":
                return (new NpzArchive(new[] { Entry("W1", NpyArray.Create(NpyDType.Int8, new[] { 3 }, new long[] { 1, 2, 3 })) }).ToBytes(), "2-D");
            case "no W1":
                return (new NpzArchive(new[] { Entry("W2", NpyArray.Create(NpyDType.Int8, new[] { 1, 1 }, new long[] { 1 })) }).ToBytes(), "no array 'W1'");
            case "stray array":
                return (new NpzArchive(new[] { Entry("W1", NpyArray.Create(NpyDType.Int8, new[] { 1, 1 }, new long[] { 1 })), Entry("W3", NpyArray.Create(NpyDType.Int8, new[] { 1, 1 }, new long[] { 1 })) }).ToBytes(), "'W3'");
            case "bias shape":
                return (new NpzArchive(new[] { Entry("W1", NpyArray.Create(NpyDType.Int8, new[] { 2, 1 }, new long[] { 1, 2 })), Entry("b1", NpyArray.Create(NpyDType.Int8, new[] { 3 }, new long[] { 1, 2, 3 })) }).ToBytes(), "'b1' must be a vector of length 2");
            case "bad json":
                return (Encoding.UTF8.GetBytes("{ \"layers\": [ "), "line 1, column 15: layers[0] must be an object {\"weights\": [[…], …], \"biases\": […]}, found the end of the file");
            case "no layers":
                return (Encoding.UTF8.GetBytes("{ \"weights\": [] }"), "\"layers\"");
            case "ragged rows":
                return (Encoding.UTF8.GetBytes("{ \"layers\": [ { \"weights\": [[1, 2], [3]] } ] }"), "has 1 entries");
            default:
                return (Encoding.UTF8.GetBytes("{ \"layers\": [ { \"weights\": [[0.5]] } ] }"), "line 1, column 30: layers[0].weights[0] holds 0.5, which is not an integer");
        }
    }

    [Fact]
    public void A_network_from_a_weights_file_generates_and_verifies()
    {
        File.WriteAllBytes(Path.Combine(_directory, "xor.npz"), XorNpz());
        var run = Run("[WeightsFile(\"xor.npz\")]", "xor.npz").AssertCleanAndCompiles();
        Assert.Contains(run.Sources, s => s.HintName == "Net.g.cs");
    }

    [Fact]
    public void SLTH030_layers_and_weights_file()
    {
        File.WriteAllText(Path.Combine(_directory, "xor.json"), XorJson);
        var run = Run("[WeightsFile(\"xor.json\")]\n[Layer(2, 1, new[] { 16, 16 })]", "xor.json");
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH030", d.Id);
        Assert.Equal("WeightsFile(\"xor.json\")", SourceAt(run, d));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void SLTH031_not_in_additional_files()
    {
        var run = Run("[WeightsFile(\"missing.npz\")]");
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH031", d.Id);
        Assert.Contains("missing.npz", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("WeightsFile(\"missing.npz\")", SourceAt(run, d));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void SLTH032_malformed_file_is_reported_at_the_file()
    {
        File.WriteAllBytes(Path.Combine(_directory, "bad.npz"), Encoding.ASCII.GetBytes("garbage"));
        var run = Run("[WeightsFile(\"bad.npz\")]", "bad.npz");
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH032", d.Id);
        Assert.Equal(Path.Combine(_directory, "bad.npz"), d.Location.GetLineSpan().Path);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Values_outside_S_delta_t_in_a_file_are_reported_at_the_file()
    {
        File.WriteAllText(Path.Combine(_directory, "big.json"), """{ "layers": [ { "weights": [[17, 0]] } ] }""");
        var run = Run("[WeightsFile(\"big.json\")]", "big.json");
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH011", d.Id);
        Assert.Equal(Path.Combine(_directory, "big.json"), d.Location.GetLineSpan().Path);
    }

    /// <summary>The source text a diagnostic points at (the generator reports value locations: path + span).</summary>
    private static string SourceAt(GeneratorRun run, Diagnostic diagnostic)
    {
        var tree = run.Input.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    private GeneratorRun Run(string weightsAttributes, params string[] additionalFiles)
    {
        string source = $$"""
            using SlthGen;

            /// <summary>Net.</summary>
            [TicketNetwork(Seed = 42)]
            [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
            {{weightsAttributes}}
            public static partial class Net
            {
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(new[] { (Path.Combine(_directory, "Net.cs"), source) }, xunit: false);
        var texts = additionalFiles.Select(f => (AdditionalText)new FileText(Path.Combine(_directory, f))).ToImmutableArray();
        var driver = GeneratorHarness.CreateDriver().AddAdditionalTexts(texts);
        return GeneratorHarness.Run(driver, compilation);
    }

    private static System.Collections.Generic.KeyValuePair<string, NpyArray> Entry(string name, NpyArray array) => new(name, array);

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
