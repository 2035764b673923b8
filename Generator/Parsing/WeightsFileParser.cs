using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Parsing;

/// <summary>A weights file read from AdditionalFiles: its layers, or what is wrong with it (a format error, or a size over a limit).</summary>
internal sealed record WeightsFileContent(string Path, EquatableArray<LayerSpec> Layers, string? Error, LimitProblem? Limit = null);

/// <summary>
/// Reads target weights from <c>.npz</c>, <c>.npy</c> and JSON files (docs/weights.md). Never
/// throws: every problem becomes <see cref="WeightsFileContent.Error"/> (a sentence for the user)
/// or <see cref="WeightsFileContent.Limit"/>. Sizes are checked before they are allocated: the
/// file's length before it is read, array shapes and the zip directory's sizes before the data.
/// </summary>
internal static class WeightsFileParser
{
    /// <summary>The extensions a [WeightsFile] may have.</summary>
    public static readonly string[] Extensions = { ".npz", ".npy", ".json" };

    public static bool IsWeightsFile(AdditionalText text) => IsWeightsPath(text.Path);

    public static bool IsWeightsPath(string path)
    {
        string extension = System.IO.Path.GetExtension(path);
        foreach (string known in Extensions)
        {
            if (extension.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static WeightsFileContent Load(AdditionalText text, Limits limits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
            // AdditionalText only offers decoded text, which is lossy for binary .npz/.npy files;
            // the file is still declared as an AdditionalFiles item (so the pipeline re-runs when
            // it changes), and its exact bytes are read from that path, after checking its size.
#pragma warning disable RS1035 // File IO: see above.
            long length = new FileInfo(text.Path).Length;
            if (length > limits.MaxFileBytes)
            {
                return new WeightsFileContent(text.Path, EquatableArray<LayerSpec>.Empty, null, new LimitProblem("The file's size in bytes", length, limits.MaxFileBytes, Limits.MaxFileBytesProperty, "weights files are a few MB even for large networks"));
            }

            bytes = File.ReadAllBytes(text.Path);
#pragma warning restore RS1035
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return Failed(text.Path, "it cannot be read: " + e.Message);
        }

        return Parse(text.Path, bytes, limits);
    }

    public static WeightsFileContent Parse(string path, byte[] bytes, Limits? limits = null)
    {
        limits ??= Limits.Default;
        try
        {
            if (bytes.Length > limits.MaxFileBytes)
            {
                throw new LimitExceededException(new LimitProblem("The file's size in bytes", bytes.Length, limits.MaxFileBytes, Limits.MaxFileBytesProperty, "weights files are a few MB even for large networks"));
            }

            string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            var layers = extension switch
            {
                ".npz" => FromNpz(NpyWeights.ReadNpz(bytes, limits)),
                ".npy" => new[] { Layer(NpyWeights.ReadNpy(bytes, "W1", limits), null, 1) },
                _ => JsonWeights.Read(bytes, limits.MaxTargetParameters),
            };
            return new WeightsFileContent(path, new EquatableArray<LayerSpec>(layers), null);
        }
        catch (FormatException e)
        {
            return Failed(path, e.Message);
        }
        catch (LimitExceededException e)
        {
            return new WeightsFileContent(path, EquatableArray<LayerSpec>.Empty, null, e.Problem);
        }
    }

    private static LayerSpec[] FromNpz(List<NpyInts> arrays)
    {
        var byName = new Dictionary<string, NpyInts>(StringComparer.Ordinal);
        foreach (var array in arrays)
        {
            byName[array.Name] = array;
        }

        var layers = new List<LayerSpec>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; byName.TryGetValue("W" + N(i), out var weights); i++)
        {
            used.Add(weights.Name);
            NpyInts? bias = null;
            if (byName.TryGetValue("b" + N(i), out var b))
            {
                bias = b;
                used.Add(b.Name);
            }

            layers.Add(Layer(weights, bias, i));
        }

        if (layers.Count == 0)
        {
            throw new FormatException("it has no array 'W1': name the weight matrices W1, W2, … (shape [outputs, inputs]) and the biases b1, b2, …");
        }

        foreach (var array in arrays)
        {
            if (!used.Contains(array.Name))
            {
                throw new FormatException($"it has an array '{array.Name}' that is not part of the layers W1…W{N(layers.Count)}, b1…b{N(layers.Count)}: remove it (names are case-sensitive)");
            }
        }

        return layers.ToArray();
    }

    private static LayerSpec Layer(NpyInts weights, NpyInts? biases, int index)
    {
        if (weights.Shape.Length != 2)
        {
            throw new FormatException($"'{weights.Name}' must be 2-D [outputs, inputs]; its shape has {weights.Shape.Length} dimensions");
        }

        int outputs = weights.Shape[0], inputs = weights.Shape[1];
        if (biases is not null && (biases.Shape.Length != 1 || biases.Shape[0] != outputs))
        {
            throw new FormatException($"'b{N(index)}' must be a vector of length {outputs} (the outputs of W{N(index)}); its shape is ({string.Join(", ", biases.Shape)}{(biases.Shape.Length == 1 ? "," : string.Empty)})");
        }

        return new LayerSpec(inputs, outputs, new EquatableArray<int>(weights.Values), biases is not null, new EquatableArray<int>(biases?.Values ?? Array.Empty<int>()));
    }

    private static string N(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static WeightsFileContent Failed(string path, string problem) => new(path, EquatableArray<LayerSpec>.Empty, problem);
}
