extern alias SlthGenGenerator;

using System;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SlthGen.Generator.Tests.Infrastructure;
using Limits = SlthGenGenerator::SlthGen.Generator.Model.Limits;
using WeightsFileParser = SlthGenGenerator::SlthGen.Generator.Parsing.WeightsFileParser;

namespace SlthGen.Generator.Tests;

/// <summary>
/// The weights readers are strict (no lenient recovery can change a weight) and bounded (sizes
/// checked before allocation, nesting bounded): one test per failure class of issue 12.
/// </summary>
public sealed class StrictReaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slthgen-strict-" + Guid.NewGuid().ToString("N"));

    public StrictReaderTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("""{ "layers": [ { "weights": [[16, 16]], "bias": [0] } ] }""", "line 1, column 40: layers[0] has an unknown key \"bias\"")]
    [InlineData("""{ "layers": [ { "weights": [[16, 16]], "Biases": [0] } ] }""", "unknown key \"Biases\"")]
    [InlineData("""{ "layers": [ { "weights": [[16, 16]] } ], "extra": 1 }""", "the top-level object has an unknown key \"extra\"")]
    [InlineData("""{ "layers": [ { "weights": [[16, 16]], "weights": [[1, 1]] } ] }""", "has the key \"weights\" twice")]
    [InlineData("""{ "layers": [ { "weights": [[99999999999999999999, 0]] } ] }""", "holds 99999999999999999999, beyond 32-bit integers")]
    [InlineData("""{ "layers": [ { "weights": [[4294967296, 0]] } ] }""", "holds 4294967296, beyond 32-bit integers")]
    [InlineData("""{ "layers": [ { "weights": [[1e2, 0]] } ] }""", "holds 1e2, which is not an integer")]
    [InlineData("""{ "layers": [ { "weights": [[016, 0]] } ] }""", "leading zero")]
    [InlineData("""{ "layers": [ { "weights": [[16, 16],] } ] }""", "line 1, column 38: layers[0].weights[1] must be an array, found ']'")]
    [InlineData("""{ "layers": [ { "weights": [[16, 16]] } ] } // c""", "unexpected '/' after the end of the JSON object")]
    [InlineData("{ \"layers\": [ { \"weig\\u00ZZhts\": [[16, 16]] } ] }", "line 1, column 26: a \\u escape needs four hexadecimal digits")]
    [InlineData("{ \"layers\": [ { \"w\\uD800\": [[16, 16]] } ] }", "is a high surrogate without a low surrogate")]
    [InlineData("{ \"layers\": [ { \"w\\q\": [[16, 16]] } ] }", "invalid escape '\\q'")]
    [InlineData("{\n  \"layers\": [\n    { \"weights\": [[16, 16]] }\n  ]\n}\n\u00A0", "line 6, column 1: unexpected the byte 0xC2 (not ASCII)")]
    [InlineData("\uFEFF\uFEFF{ \"layers\": [] }", "a byte order mark (U+FEFF), which is allowed only at the very start")]
    [InlineData("{ \"layers\": [] }", "\"layers\" is empty")]
    public void Json_that_is_not_exactly_the_format_is_refused_with_line_and_column(string json, string expected)
    {
        var content = WeightsFileParser.Parse("w.json", Encoding.UTF8.GetBytes(json));
        Assert.NotNull(content.Error);
        Assert.Contains(expected, content.Error, StringComparison.Ordinal);
        Assert.Matches("^line [0-9]+, column [0-9]+: ", content.Error);
    }

    [Fact]
    public void Deep_json_nesting_is_refused_without_recursion()
    {
        // 100,000 nested '[' overflowed the stack of the old recursive reader.
        byte[] bytes = Encoding.ASCII.GetBytes("{\"layers\": " + new string('[', 100_000) + new string(']', 100_000) + "}");
        var content = WeightsFileParser.Parse("w.json", bytes);
        Assert.Contains("line 1, column 13: layers[0] must be an object", content.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_key_is_refused_not_decoded_leniently()
    {
        // "bi\xFFases": the lenient decoder turned it into "bi\uFFFDases" and the biases vanished.
        var bytes = Encoding.ASCII.GetBytes("{ \"layers\": [ { \"weights\": [[16, 16]], \"bi?ases\": [0] } ] }");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        var content = WeightsFileParser.Parse("w.json", bytes);
        Assert.Contains("line 1, column 43: invalid UTF-8 (byte 0xFF at offset 42)", content.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf8_bom_is_accepted_and_utf16_is_named()
    {
        var json = """{ "layers": [ { "weights": [[16, -16], [-16, 16]], "biases": [0, 0] }, { "weights": [[16, 16]] } ] }""";
        var withBom = WeightsFileParser.Parse("w.json", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(json)).ToArray());
        Assert.Null(withBom.Error);
        Assert.Equal(new[] { 16, -16, -16, 16 }, withBom.Layers[0].Weights.ToArray());
        var utf16 = WeightsFileParser.Parse("w.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(json)).ToArray());
        Assert.Contains("UTF-16 byte order mark: save it as UTF-8", utf16.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_in_keys_are_decoded_exactly()
    {
        var content = WeightsFileParser.Parse("w.json", Encoding.ASCII.GetBytes("{ \"l\\u0061yers\": [ { \"weights\": [[1, 2]], \"bias\\u0065s\": null } ] }"));
        Assert.Null(content.Error);
        Assert.False(content.Layers[0].HasBiases);
    }

    [Theory]
    [InlineData("|u1", 1)]
    [InlineData("<u2", 2)]
    [InlineData("<u4", 4)]
    [InlineData("<i8", 8)]
    [InlineData("<u8", 8)]
    public void Every_integer_dtype_whose_values_fit_32_bits_is_read(string descr, int size)
    {
        var data = new byte[3 * size];
        data[0] = 1;
        data[size] = 2;
        data[2 * size] = 16;
        var npy = WeightsFileParser.Parse("w.npy", Npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1, 3), }", data));
        Assert.Null(npy.Error);
        Assert.Equal(new[] { 1, 2, 16 }, npy.Layers[0].Weights.ToArray());
    }

    [Fact]
    public void Big_endian_and_u2_headers_are_read()
    {
        Assert.Equal(new[] { 258, -2 }, WeightsFileParser.Parse("w.npy", Npy("{'descr': '>i2', 'fortran_order': False, 'shape': (1, 2), }", new byte[] { 1, 2, 0xFF, 0xFE })).Layers[0].Weights.ToArray());
        Assert.Equal(new[] { 513, 65535 }, WeightsFileParser.Parse("w.npy", Npy("{'descr': '<u2', 'fortran_order': False, 'shape': (1, 2), }", new byte[] { 1, 2, 0xFF, 0xFF })).Layers[0].Weights.ToArray());
    }

    [Theory]
    [InlineData("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", new byte[] { 0, 0, 0, 0, 1, 0, 0, 0 }, "holds 4294967296 at flat index 0, beyond 32-bit integers")]
    [InlineData("{'descr': '|b1', 'fortran_order': False, 'shape': (1, 1), }", new byte[] { 1 }, "has dtype '|b1'; weights must be integers")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (1, 1), }", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, "has dtype '<c8'")]
    [InlineData("{'descr': '<f2', 'fortran_order': False, 'shape': (1, 1), }", new byte[] { 0, 0 }, "holds floats (<f2)")]
    [InlineData("{'descr': '<i2', 'fortran_order': False, 'shape': (1, 1), 'extra': 1, }", new byte[] { 0, 0 }, "unknown header key 'extra'")]
    [InlineData("{'descr': '<i2', 'descr': '<i2', 'fortran_order': False, 'shape': (1, 1), }", new byte[] { 0, 0 }, "repeats the key 'descr'")]
    [InlineData("{'descr': '<i2', 'fortran_order': False, 'shape': (1, 1), }", new byte[] { 0, 0, 0 }, "has 1 bytes after the data")]
    [InlineData("{'descr': '<i2', 'fortran_order': False, 'shape': (1, 1), }", new byte[] { 0 }, "is truncated")]
    public void Npy_headers_and_data_are_strict(string header, byte[] data, string expected)
    {
        var content = WeightsFileParser.Parse("w.npy", Npy(header, data));
        Assert.Contains(expected, content.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_declared_shape_is_a_limit_before_any_allocation()
    {
        // A 1 × 20,000,000 layer declared by a tiny file (the old reader worked 36 s on it).
        var content = WeightsFileParser.Parse("w.npy", Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 20000000), }", Array.Empty<byte>()));
        Assert.Null(content.Error);
        Assert.NotNull(content.Limit);
        Assert.Equal("SlthGen_MaxTargetParameters", content.Limit!.Property);
        Assert.Equal(20_000_000, content.Limit.Value);
    }

    [Fact]
    public void Corrupt_deflate_data_is_named_as_such()
    {
        byte[] zip = Zip(CompressionLevel.Optimal, ("W1.npy", NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int8, new[] { 4, 64 }, new long[256]))));
        int data = 30 + "W1.npy".Length;
        for (int i = data; i < data + 6; i++)
        {
            zip[i] = 0xFF;
        }

        var content = WeightsFileParser.Parse("w.npz", zip);
        Assert.Contains("'W1.npy' has corrupt deflate data", content.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_byte_in_a_stored_entry_fails_the_crc_check()
    {
        byte[] zip = Zip(CompressionLevel.NoCompression, ("W1.npy", NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int8, new[] { 1, 2 }, new long[] { 16, 16 }))));
        zip[30 + "W1.npy".Length + 128 + 1] ^= 1; // the second weight: 16 becomes 17
        var content = WeightsFileParser.Parse("w.npz", zip);
        Assert.Contains("is corrupt: its CRC-32 is", content.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Npz_written_by_System_IO_Compression_is_read()
    {
        byte[] zip = Zip(CompressionLevel.Optimal, ("W1.npy", NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int16, new[] { 1, 2 }, new long[] { 16, -16 }))), ("b1.npy", NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int16, new[] { 1 }, new long[] { 3 }))));
        var content = WeightsFileParser.Parse("w.npz", zip);
        Assert.Null(content.Error);
        Assert.Equal(new[] { 16, -16 }, content.Layers[0].Weights.ToArray());
        Assert.Equal(new[] { 3 }, content.Layers[0].Biases.ToArray());
    }

    [Fact]
    public void Npz_uncompressed_size_is_a_limit_before_inflating()
    {
        byte[] zip = Zip(CompressionLevel.Optimal, ("W1.npy", NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int8, new[] { 64, 64 }, new long[4096]))));
        var limits = Limits.Default with { MaxFileBytes = 1000 };
        var content = WeightsFileParser.Parse("w.npz", zip, limits);
        Assert.Equal("SlthGen_MaxWeightsFileBytes", content.Limit?.Property);
    }

    [Fact]
    public void SLTH025_at_the_file_for_a_file_over_the_size_limit()
    {
        File.WriteAllText(Path.Combine(_directory, "xor.json"), """{ "layers": [ { "weights": [[16, -16], [-16, 16]], "biases": [0, 0] }, { "weights": [[16, 16]] } ] }""");
        var run = Run("[WeightsFile(\"xor.json\")]", TestOptionsProvider.FromProperties(("SlthGen_MaxWeightsFileBytes", "20")), "xor.json");
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH025", d.Id);
        Assert.Equal(Path.Combine(_directory, "xor.json"), d.Location.GetLineSpan().Path);
        Assert.Contains("above the limit 20 (SlthGen_MaxWeightsFileBytes)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void SLTH032_prefix_and_detail_read_as_one_sentence()
    {
        File.WriteAllBytes(Path.Combine(_directory, "w.npz"), Encoding.ASCII.GetBytes("garbage, not a zip"));
        var run = Run("[WeightsFile(\"w.npz\")]", null, "w.npz");
        Assert.StartsWith("The weights file 'w.npz' is invalid: it is not a .npz (zip) archive", Assert.Single(run.Diagnostics).GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[WeightsFile(\"\")]", "[WeightsFile] needs the path of a .npz, .npy or .json file")]
    [InlineData("[WeightsFile(\"w.csv\")]", "has the extension '.csv': SlthGen reads .npz, .npy and .json files")]
    public void SLTH031_says_what_is_wrong_with_the_path(string attribute, string expected)
    {
        var run = Run(attribute, null);
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH031", d.Id);
        Assert.True(d.Location.IsInSource);
        Assert.Contains(expected, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void SLTH031_two_additional_files_of_the_same_name()
    {
        foreach (string sub in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(_directory, sub));
            File.WriteAllText(Path.Combine(_directory, sub, "w.json"), "{}");
        }

        var run = Run("[WeightsFile(\"w.json\")]", null, Path.Combine("a", "w.json"), Path.Combine("b", "w.json"));
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH031", d.Id);
        Assert.Contains("2 AdditionalFiles items have that name", d.GetMessage(), StringComparison.Ordinal);
    }

    private static byte[] Npy(string header, byte[] data)
    {
        string padded = header.PadRight(((header.Length + 11) / 64 * 64) + 64 - 11) + "\n";
        var bytes = new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(padded.Length & 0xFF), (byte)(padded.Length >> 8) };
        return bytes.Concat(Encoding.ASCII.GetBytes(padded)).Concat(data).ToArray();
    }

    private static byte[] Zip(CompressionLevel level, params (string Name, byte[] Data)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var entry = archive.CreateEntry(name, level).Open();
                entry.Write(data);
            }
        }

        return stream.ToArray();
    }

    private GeneratorRun Run(string weightsAttribute, TestOptionsProvider? options, params string[] additionalFiles)
    {
        string source = $$"""
            using SlthGen;

            /// <summary>Net.</summary>
            [TicketNetwork(Seed = 42)]
            [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
            {{weightsAttribute}}
            public static partial class Net
            {
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(new[] { (Path.Combine(_directory, "Net.cs"), source) }, xunit: false);
        var texts = additionalFiles.Select(f => (AdditionalText)new FileText(Path.Combine(_directory, f))).ToImmutableArray();
        var driver = GeneratorHarness.CreateDriver(options).AddAdditionalTexts(texts);
        return GeneratorHarness.Run(driver, compilation);
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
