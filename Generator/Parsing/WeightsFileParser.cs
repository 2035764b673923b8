using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Parsing;

/// <summary>A weights file read from AdditionalFiles: its layers, or what is wrong with it.</summary>
internal sealed record WeightsFileContent(string Path, EquatableArray<LayerSpec> Layers, string? Error);

/// <summary>
/// Reads target weights from <c>.npz</c>, <c>.npy</c> and JSON files (docs/weights.md). Never
/// throws: every problem becomes <see cref="WeightsFileContent.Error"/>, a sentence for the user.
/// </summary>
internal static class WeightsFileParser
{
    private const string QuantiseHint = "store integers in units of 2^-TargetBits, e.g. np.round(w * 2**TargetBits).astype(np.int8)";

    public static bool IsWeightsFile(AdditionalText text)
    {
        string extension = System.IO.Path.GetExtension(text.Path);
        return extension.Equals(".npz", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".npy", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
    }

    public static WeightsFileContent Load(AdditionalText text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
            // AdditionalText only offers decoded text, which is lossy for binary .npz/.npy files;
            // the file is still declared as an AdditionalFiles item (so the pipeline re-runs when
            // it changes), and its exact bytes are read from that path.
#pragma warning disable RS1035 // File IO: see above.
            bytes = File.ReadAllBytes(text.Path);
#pragma warning restore RS1035
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Failed(text.Path, "cannot be read: " + e.Message);
        }

        return Parse(text.Path, bytes);
    }

    public static WeightsFileContent Parse(string path, byte[] bytes)
    {
        try
        {
            string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            var layers = extension switch
            {
                ".npz" => FromNpz(NpzArchive.Read(bytes)),
                ".npy" => new[] { Layer(NpyReader.Read(bytes, "W1"), null, 1) },
                _ => FromJson(JsonWeights.Parse(System.Text.Encoding.UTF8.GetString(bytes))),
            };
            return new WeightsFileContent(path, new EquatableArray<LayerSpec>(layers), null);
        }
        catch (NpyFormatException e)
        {
            return Failed(path, e.Message);
        }
        catch (FormatException e)
        {
            return Failed(path, e.Message);
        }
        catch (InvalidDataException e)
        {
            return Failed(path, e.Message);
        }
    }

    private static LayerSpec[] FromNpz(NpzArchive archive)
    {
        var layers = new List<LayerSpec>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; archive.Contains("W" + N(i)); i++)
        {
            used.Add("W" + N(i));
            NpyArray? bias = null;
            if (archive.TryGet("b" + N(i), out var b))
            {
                bias = b;
                used.Add("b" + N(i));
            }

            layers.Add(Layer(archive["W" + N(i)], bias, i));
        }

        if (layers.Count == 0)
        {
            throw new FormatException("has no array 'W1': name the weight matrices W1, W2, … (shape [outputs, inputs]) and the biases b1, b2, …");
        }

        foreach (string name in archive.Names)
        {
            if (!used.Contains(name))
            {
                throw new FormatException($"has an array '{name}' that is not part of the layers W1…W{N(layers.Count)}, b1…b{N(layers.Count)}");
            }
        }

        return layers.ToArray();
    }

    private static LayerSpec Layer(NpyArray weights, NpyArray? biases, int index)
    {
        string w = weights.Name ?? "W" + N(index);
        if (weights.IsFloatingPoint || (biases?.IsFloatingPoint ?? false))
        {
            throw new FormatException($"'{(weights.IsFloatingPoint ? w : biases!.Name)}' holds floats ({(weights.IsFloatingPoint ? weights.Descr : biases!.Descr)}): {QuantiseHint}");
        }

        if (!weights.IsInteger)
        {
            throw new FormatException($"'{w}' must hold integers (int8, int16 or int32), not {weights.Descr}");
        }

        if (weights.Rank != 2)
        {
            throw new FormatException($"'{w}' must be 2-D [outputs, inputs]; its shape has {weights.Rank} dimensions");
        }

        int outputs = weights.Shape[0], inputs = weights.Shape[1];
        int[]? bias = null;
        if (biases is not null)
        {
            if (!biases.IsInteger || biases.Rank != 1 || biases.Shape[0] != outputs)
            {
                throw new FormatException($"'b{N(index)}' must be an integer vector of length {outputs} (the outputs of W{N(index)})");
            }

            bias = Ints(biases.ToInt64Array(), "b" + N(index));
        }

        return new LayerSpec(inputs, outputs, new EquatableArray<int>(Ints(weights.ToInt64Array(), w)), bias is not null, new EquatableArray<int>(bias ?? System.Array.Empty<int>()));
    }

    private static LayerSpec[] FromJson(object? root)
    {
        if (root is not Dictionary<string, object?> obj || !obj.TryGetValue("layers", out var layersValue) || layersValue is not List<object?> layers || layers.Count == 0)
        {
            throw new FormatException("must be an object with a non-empty array \"layers\": {\"layers\": [{\"weights\": [[…], …], \"biases\": […]}, …]}");
        }

        var result = new LayerSpec[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            string where = $"layers[{N(i)}]";
            if (layers[i] is not Dictionary<string, object?> layer || !layer.TryGetValue("weights", out var weightsValue) || weightsValue is not List<object?> rows || rows.Count == 0)
            {
                throw new FormatException($"{where} must be an object with a non-empty \"weights\" array of rows");
            }

            int inputs = -1;
            var weights = new List<int>();
            for (int r = 0; r < rows.Count; r++)
            {
                if (rows[r] is not List<object?> row || row.Count == 0)
                {
                    throw new FormatException($"{where}.weights[{N(r)}] must be a non-empty array of integers");
                }

                if (inputs >= 0 && row.Count != inputs)
                {
                    throw new FormatException($"{where}.weights[{N(r)}] has {N(row.Count)} entries; the first row has {N(inputs)}");
                }

                inputs = row.Count;
                foreach (var value in row)
                {
                    weights.Add(Int(value, $"{where}.weights[{N(r)}]"));
                }
            }

            int[]? biases = null;
            if (layer.TryGetValue("biases", out var biasValue) && biasValue is not null)
            {
                if (biasValue is not List<object?> list)
                {
                    throw new FormatException($"{where}.biases must be an array of integers");
                }

                biases = new int[list.Count];
                for (int k = 0; k < list.Count; k++)
                {
                    biases[k] = Int(list[k], $"{where}.biases");
                }
            }

            result[i] = new LayerSpec(inputs, rows.Count, new EquatableArray<int>(weights.ToArray()), biases is not null, new EquatableArray<int>(biases ?? System.Array.Empty<int>()));
        }

        return result;
    }

    private static int Int(object? value, string where) => value switch
    {
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double => throw new FormatException($"{where} holds a non-integer number: {QuantiseHint}"),
        _ => throw new FormatException($"{where} must hold integers"),
    };

    private static int[] Ints(long[] values, string name)
    {
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i] is >= int.MinValue and <= int.MaxValue ? (int)values[i] : throw new FormatException($"'{name}' holds {values[i]}, beyond 32-bit integers");
        }

        return result;
    }

    private static string N(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static WeightsFileContent Failed(string path, string problem) => new(path, EquatableArray<LayerSpec>.Empty, problem);
}
