extern alias SlthGenGenerator;

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using LayerSpec = SlthGenGenerator::SlthGen.Generator.Model.LayerSpec;
using WeightsFileParser = SlthGenGenerator::SlthGen.Generator.Parsing.WeightsFileParser;

namespace SlthGen.Fuzz.Tests;

/// <summary>
/// Seeded weight files of every format, written by the runtime library's NumPy writer or by hand
/// (JSON), then mutated. Every case: the reader never throws; an accepted unmutated file reads
/// back exactly the network that was written (the writer is the oracle); an accepted mutated
/// file reads the same values as an independent reader (the runtime's NumPy library,
/// System.Text.Json) — a reader that accepts what the independent one refuses is lenient. Every
/// 8th case also runs through the whole generator.
/// </summary>
public sealed class WeightsFileFuzzTests : IDisposable
{
    /// <summary>Cases per run (seeds 0…Cases-1).</summary>
    public const int Cases = 1200;

    /// <summary>Seeds that once failed; they run first, every time.</summary>
    public static readonly int[] RegressionSeeds = Array.Empty<int>();

    private static readonly string[] Formats = { ".npz", ".npy", ".json" };
    private static readonly NpyDType[] Types = { NpyDType.Int8, NpyDType.Int16, NpyDType.Int32, NpyDType.Int64 };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slthgen-fuzz-" + Guid.NewGuid().ToString("N"));

    public WeightsFileFuzzTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Mutated_weight_files_are_read_exactly_or_refused_with_a_located_error()
    {
        int accepted = 0, refused = 0, generated = 0;
        foreach (int seed in RegressionSeeds.Concat(Enumerable.Range(0, Cases)))
        {
            bool ok = RunCase(seed, out bool ranGenerator);
            accepted += ok ? 1 : 0;
            refused += ok ? 0 : 1;
            generated += ranGenerator ? 1 : 0;
        }

        // The mix must exercise both outcomes, or the mutations are too weak or too strong.
        Assert.True(accepted > Cases / 10, $"only {accepted} of {Cases} cases were accepted");
        Assert.True(refused > Cases / 10, $"only {refused} of {Cases} cases were refused");
        Assert.True(generated >= Cases / 8);
    }

    private bool RunCase(int seed, out bool ranGenerator)
    {
        var random = new Random(seed);
        string format = Formats[seed % Formats.Length];
        var network = RandomNetwork.Draw(random, random.Next(1, 7));
        if (format == ".npy")
        {
            network = network with { Layers = new[] { network.Layers[0] with { Biases = null } } };
        }

        var type = Types[random.Next(Types.Length)];
        byte[] written = format switch
        {
            ".npz" => network.ToNpz(type, compressed: random.Next(2) == 0),
            ".npy" => network.ToNpy(type),
            _ => network.ToJson(random),
        };
        bool mutate = random.Next(4) != 0;
        byte[] bytes = !mutate ? written : format == ".npz" && random.Next(2) == 0 ? MutateEntry(network, type, random) : Mutator.Mutate(written, format, random);
        string context = $"seed {seed} ({format}, {(mutate ? "mutated" : "as written")})";

        var content = WeightsFileParser.Parse("w" + format, bytes);
        bool ok = content.Error is null && content.Limit is null;
        if (ok && (!mutate || bytes.AsSpan().SequenceEqual(written)))
        {
            AssertLayers(network, content.Layers.ToArray(), context);
        }
        else if (ok)
        {
            AssertIndependentReaderAgrees(format, bytes, content.Layers.ToArray(), context);
        }
        else
        {
            Assert.Empty(content.Layers);
        }

        ranGenerator = seed % 8 == 0;
        if (ranGenerator)
        {
            RunGenerator(seed, format, bytes, network.TargetBits, ok, context);
        }

        return ok;
    }

    /// <summary>An .npz whose entries (.npy bytes) are mutated, zipped by System.IO.Compression (CRC correct).</summary>
    private static byte[] MutateEntry(RandomNetwork network, NpyDType type, Random random)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (int i = 0; i < network.Layers.Count; i++)
            {
                var layer = network.Layers[i];
                byte[] npy = NpyWriter.ToBytes(NpyArray.Create(type, new[] { layer.Outputs, layer.Inputs }, layer.Weights.Select(w => (long)w).ToArray()));
                using var entry = zip.CreateEntry("W" + (i + 1) + ".npy", random.Next(2) == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest).Open();
                entry.Write(i == 0 ? Mutator.Mutate(npy, ".npy", random) : npy);
            }
        }

        return stream.ToArray();
    }

    private static void AssertLayers(RandomNetwork expected, LayerSpec[] actual, string context)
    {
        Assert.True(expected.Layers.Count == actual.Length, context + ": layer count");
        for (int i = 0; i < actual.Length; i++)
        {
            var e = expected.Layers[i];
            var a = actual[i];
            Assert.True((e.Inputs, e.Outputs) == (a.Inputs, a.Outputs), context + $": layer {i + 1} shape");
            Assert.True(e.Weights.SequenceEqual(a.Weights), context + $": layer {i + 1} weights");
            Assert.True(e.Biases is null ? !a.HasBiases : a.HasBiases && e.Biases.SequenceEqual(a.Biases), context + $": layer {i + 1} biases");
        }
    }

    private static void AssertIndependentReaderAgrees(string format, byte[] bytes, LayerSpec[] actual, string context)
    {
        if (format == ".json")
        {
            // System.Text.Json (RFC 8259, validating UTF-8) must accept what we accepted and give the same numbers.
            ReadOnlyMemory<byte> json = bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? bytes.AsMemory(3) : bytes;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                Assert.Fail(context + ": accepted JSON that System.Text.Json refuses: " + e.Message);
                return;
            }

            using (document)
            {
                var layers = document.RootElement.GetProperty("layers").EnumerateArray().ToList();
                Assert.True(layers.Count == actual.Length, context + ": JSON layer count");
                for (int i = 0; i < layers.Count; i++)
                {
                    var weights = layers[i].GetProperty("weights").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetInt32()).ToArray();
                    Assert.True(weights.SequenceEqual(actual[i].Weights), context + $": JSON layer {i + 1} weights differ from System.Text.Json's");
                    bool hasBiases = layers[i].TryGetProperty("biases", out var b) && b.ValueKind != JsonValueKind.Null;
                    Assert.True(hasBiases == actual[i].HasBiases, context + ": JSON biases presence");
                    if (hasBiases)
                    {
                        Assert.True(b.EnumerateArray().Select(v => v.GetInt32()).SequenceEqual(actual[i].Biases), context + ": JSON biases");
                    }
                }
            }

            return;
        }

        // The runtime's NumPy library is a separate implementation; where it reads the file too, the values must agree.
        try
        {
            var arrays = format == ".npy"
                ? new[] { NpyReader.Read(bytes, "W1") }
                : NpzArchive.Read(new MemoryStream(bytes)).Select(p => p.Value.WithName(p.Key)).ToArray();
            foreach (var array in arrays)
            {
                string name = array.Name!;
                int index = int.Parse(name.Substring(1), System.Globalization.CultureInfo.InvariantCulture) - 1;
                var mine = name[0] == 'W' ? actual[index].Weights.ToArray() : actual[index].Biases.ToArray();
                Assert.True(array.ToInt64Array().SequenceEqual(mine.Select(v => (long)v)), context + $": '{name}' differs from the runtime reader's");
            }
        }
        catch (NpyFormatException)
        {
            // The runtime reader refuses some files the generator reads (e.g. uint16), and vice versa.
        }
    }

    private void RunGenerator(int seed, string format, byte[] bytes, int targetBits, bool accepted, string context)
    {
        string path = Path.Combine(_directory, $"case{seed}{format}");
        File.WriteAllBytes(path, bytes);
        int ticketBits = (targetBits + 1) / 2;
        string source = $$"""
            using SlthGen;

            namespace Fuzz.Case{{seed}};

            /// <summary>Net.</summary>
            [TicketNetwork(Seed = {{seed}})]
            [Precision(TargetBits = {{targetBits}}, InitBits = {{ticketBits + 2}}, TicketBits = {{ticketBits}}, ActivationBits = 4)]
            [WeightsFile("case{{seed}}{{format}}")]
            public static partial class Net
            {
            }
            """;
        var (output, diagnostics, result) = FuzzHarness.Run(new[] { (Path.Combine(_directory, $"Case{seed}.cs"), source) }, new[] { path }, new[] { ("SlthGen_MaxWidth", "64"), ("SlthGen_SolveWorkBudget", "268435456") });
        FuzzHarness.AssertNoCrashAndLocated(diagnostics, result, context);
        if (!accepted)
        {
            var d = Assert.Single(diagnostics);
            Assert.True(d.Location.GetLineSpan().Path == path, context + ": a file problem is reported at the file: " + d);
            return;
        }

        // Accepted: either a located diagnostic about the network (e.g. a mutated value outside
        // S_δt), or a ticket that compiles and verifies (compiled for every 4th such case, for time).
        if (diagnostics.IsEmpty && seed % 32 == 0)
        {
            FuzzHarness.AssertCompilesAndVerifies(output, new[] { $"Fuzz.Case{seed}.Net" }, context);
        }
    }
}
