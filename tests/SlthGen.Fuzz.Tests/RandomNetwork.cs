using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SlthGen.Fuzz.Tests;

/// <summary>A target network a case wrote: the oracle for what the generator must read back.</summary>
internal sealed record RandomNetwork(int TargetBits, IReadOnlyList<RandomLayer> Layers)
{
    /// <summary>A small valid network (1–3 layers, 1–4 neurons, weights in S_δt) drawn from <paramref name="random"/>.</summary>
    public static RandomNetwork Draw(Random random, int targetBits)
    {
        int depth = random.Next(1, 4);
        int inputs = random.Next(1, 5);
        int one = 1 << targetBits;
        var layers = new List<RandomLayer>();
        for (int i = 0; i < depth; i++)
        {
            int outputs = random.Next(1, 5);
            var weights = Enumerable.Range(0, inputs * outputs).Select(_ => random.Next(-one, one + 1)).ToArray();
            int[]? biases = random.Next(2) == 0 ? null : Enumerable.Range(0, outputs).Select(_ => random.Next(-one, one + 1)).ToArray();
            layers.Add(new RandomLayer(inputs, outputs, weights, biases));
            inputs = outputs;
        }

        return new RandomNetwork(targetBits, layers);
    }

    /// <summary>The .npz NumPy's np.savez writes, with the runtime library's writer (not the generator's reader).</summary>
    public byte[] ToNpz(NpyDType type, bool compressed)
    {
        var arrays = new List<KeyValuePair<string, NpyArray>>();
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            arrays.Add(new("W" + (i + 1), NpyArray.Create(type, new[] { layer.Outputs, layer.Inputs }, layer.Weights.Select(w => (long)w).ToArray())));
            if (layer.Biases is { } b)
            {
                arrays.Add(new("b" + (i + 1), NpyArray.Create(type, new[] { layer.Outputs }, b.Select(w => (long)w).ToArray())));
            }
        }

        return new NpzArchive(arrays).ToBytes(compressed);
    }

    /// <summary>The first layer's weights as a .npy file (a one-layer network without biases).</summary>
    public byte[] ToNpy(NpyDType type) =>
        NpyWriter.ToBytes(NpyArray.Create(type, new[] { Layers[0].Outputs, Layers[0].Inputs }, Layers[0].Weights.Select(w => (long)w).ToArray()));

    /// <summary>The JSON format of docs/weights.md, written by hand with random (valid) whitespace.</summary>
    public byte[] ToJson(Random random)
    {
        string Space() => new[] { string.Empty, " ", "\n", "\t", "\r\n  " }[random.Next(5)];
        string Ints(IEnumerable<int> values) => "[" + Space() + string.Join("," + Space(), values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + Space() + "]";
        var s = new StringBuilder("{" + Space() + "\"layers\"" + Space() + ":" + Space() + "[");
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            var rows = Enumerable.Range(0, layer.Outputs).Select(r => Ints(layer.Weights.Skip(r * layer.Inputs).Take(layer.Inputs)));
            s.Append(i > 0 ? "," : string.Empty).Append(Space()).Append("{\"weights\":").Append(Space()).Append('[').Append(string.Join(",", rows)).Append(']');
            if (layer.Biases is { } b)
            {
                s.Append(",").Append(Space()).Append("\"biases\":").Append(Ints(b));
            }

            s.Append(Space()).Append('}');
        }

        s.Append("]}").Append(Space());
        return Encoding.UTF8.GetBytes(s.ToString());
    }

    /// <summary>[Layer] attributes declaring the same network.</summary>
    public string ToAttributes() => string.Join("\n", Layers.Select(l =>
        $"[Layer({l.Inputs}, {l.Outputs}, new[] {{ {string.Join(", ", l.Weights)} }}" + (l.Biases is { } b ? $", Biases = new[] {{ {string.Join(", ", b)} }}" : string.Empty) + ")]"));
}

/// <summary>One layer of a <see cref="RandomNetwork"/>, weights row-major [output][input].</summary>
internal sealed record RandomLayer(int Inputs, int Outputs, int[] Weights, int[]? Biases);
