using System;
using System.Globalization;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace SlthGen;

/// <summary>
/// One target layer laid out for 8-bit multiply-add kernels: weights in sbyte, inputs as unsigned
/// bytes x' = x − <see cref="Offset"/>, outputs in blocks of 16 int32 lanes, inputs in quads (four
/// bytes per lane: what <c>vpdpbusd</c> sums into one lane, and two <c>vpmaddubsw</c> pairs).
/// Element (block b, quad q, lane l, i) is W[16b + l, 4q + i], zero outside the layer. Σ w·x =
/// Σ w·x' + Offset·Σ w exactly, so each lane's bias holds c·2^m + Offset·Σ_j W[k, j].
/// </summary>
internal sealed class PackedByteLayer : IPackedLayer
{
    /// <summary>Outputs per block: the int32 lanes of one 512-bit vector.</summary>
    public const int Lanes = 16;

    /// <summary>Bytes per (block, quad) row: four weights per lane.</summary>
    public const int RowBytes = 4 * Lanes;

    /// <param name="layer">The target layer; <see cref="Obstacle"/> must have returned null for it.</param>
    /// <param name="activationBits">m: biases are scaled by 2^m into the accumulator's units.</param>
    /// <param name="shift">t: the floor to γ.</param>
    /// <param name="relu">σ on this layer (all but the last).</param>
    /// <param name="inputMin">The smallest input the layer can see: subtracted so that inputs are bytes.</param>
    /// <param name="kernel">One of the 8-bit kernels.</param>
    public PackedByteLayer(TargetLayer layer, int activationBits, int shift, bool relu, long inputMin, PackedKernel kernel)
    {
        if (kernel < PackedKernel.Scalar8)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Not an 8-bit kernel.");
        }

        Kernel = kernel;
        Inputs = layer.Inputs;
        Outputs = layer.Outputs;
        Quads = (layer.Inputs + 3) / 4;
        Blocks = (layer.Outputs + Lanes - 1) / Lanes;
        Shift = shift;
        Relu = relu;
        Offset = checked((int)inputMin);
        Weights = new sbyte[Blocks * Quads * RowBytes];
        Biases = new int[Blocks * Lanes];
        for (int k = 0; k < Outputs; k++)
        {
            int block = k / Lanes, lane = k % Lanes;
            long sum = 0;
            for (int j = 0; j < Inputs; j++)
            {
                long w = layer.Weight(k, j);
                sum += w;
                Weights[(((block * Quads) + (j / 4)) * RowBytes) + (4 * lane) + (j % 4)] = checked((sbyte)w);
            }

            Biases[k] = checked((int)((layer.Bias(k) << activationBits) + (inputMin * sum)));
        }
    }

    public PackedKernel Kernel { get; }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>⌈Inputs / 4⌉: the input buffer holds 4·Quads bytes.</summary>
    public int Quads { get; }

    /// <summary>⌈Outputs / 16⌉.</summary>
    public int Blocks { get; }

    public int Shift { get; }

    public bool Relu { get; }

    /// <summary>Subtracted from every input: x' = x − Offset is a byte.</summary>
    public int Offset { get; }

    public sbyte[] Weights { get; }

    public int[] Biases { get; }

    public int InputBytes => 4 * Quads;

    public int OutputStride => Lanes * Blocks;

    /// <summary>
    /// Why the layer cannot run exactly on 8-bit kernels for inputs in [<paramref name="low"/>,
    /// <paramref name="high"/>], or null when it can: the inputs span at most 255 (so x − low is a
    /// byte), every weight is an sbyte, and every partial sum, offset bias included, fits in int32
    /// (|c·2^m + low·Σw| + Σ|w|·(high − low)).
    /// </summary>
    public static string? Obstacle(TargetLayer layer, int activationBits, decimal low, decimal high)
    {
        if (layer is null)
        {
            throw new ArgumentNullException(nameof(layer));
        }

        decimal range = high - low;
        if (range > byte.MaxValue || low < int.MinValue || low > int.MaxValue)
        {
            return string.Format(CultureInfo.InvariantCulture, "its inputs span [{0}, {1}], more than 256 values", low, high);
        }

        for (int k = 0; k < layer.Outputs; k++)
        {
            decimal sum = 0, abs = 0;
            for (int j = 0; j < layer.Inputs; j++)
            {
                long w = layer.Weight(k, j);
                if (w < sbyte.MinValue || w > sbyte.MaxValue)
                {
                    return string.Format(CultureInfo.InvariantCulture, "it has the weight {0}, beyond 8-bit integers", w);
                }

                sum += w;
                abs += Math.Abs(w);
            }

            decimal bound = Math.Abs((layer.Bias(k) * (decimal)(1L << activationBits)) + (low * sum)) + (abs * range);
            if (bound > int.MaxValue)
            {
                return string.Format(CultureInfo.InvariantCulture, "the sums of output {0} reach |{1}| with offset inputs, beyond 32-bit integers", k, bound);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <c>vpmaddubsw</c> cannot saturate: for inputs x' in [0, range], every pair of
    /// adjacent products w_j·x'_j + w_{j+1}·x'_{j+1} (j even) stays in [−32768, 32767].
    /// </summary>
    public static bool PairsFitInt16(TargetLayer layer, decimal range) => Int16Run(layer, range, 1);

    /// <summary>
    /// Whether the 16-bit sums of <see cref="WidenRun"/> consecutive quads (aligned runs q = 4r …
    /// 4r + 3) stay in [−32768, 32767] for every lane and pair: then the kernels add four
    /// <c>vpmaddubsw</c> results with <c>vpaddw</c> before one <c>vpmaddwd</c> widens them. Each
    /// such sum lies between range·Σ min(w, 0) and range·Σ max(w, 0) over its eight weights.
    /// </summary>
    public static bool RunsFitInt16(TargetLayer layer, decimal range) => Int16Run(layer, range, WidenRun);

    /// <summary>Quads whose 16-bit products are summed before widening, where <see cref="RunsFitInt16"/> holds.</summary>
    public const int WidenRun = 4;

    /// <summary>Whether the pairs' sums over aligned runs of <paramref name="quads"/> quads stay in int16 (see <see cref="RunsFitInt16"/>).</summary>
    private static bool Int16Run(TargetLayer layer, decimal range, int quads)
    {
        if (layer is null)
        {
            throw new ArgumentNullException(nameof(layer));
        }

        int span = 4 * quads;
        for (int k = 0; k < layer.Outputs; k++)
        {
            for (int start = 0; start < layer.Inputs; start += span)
            {
                // The pair h of each quad: inputs 4q + 2h and 4q + 2h + 1.
                for (int h = 0; h < 2; h++)
                {
                    decimal positive = 0, negative = 0;
                    for (int q = 0; q < quads; q++)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            int j = start + (4 * q) + (2 * h) + i;
                            long w = j < layer.Inputs ? layer.Weight(k, j) : 0;
                            positive += Math.Max(w, 0);
                            negative += Math.Min(w, 0);
                        }
                    }

                    if (range * positive > short.MaxValue || range * negative < short.MinValue)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Whether the vector kernels may sum runs of <see cref="WidenRun"/> quads in 16 bits (proven when packed).</summary>
    public bool WidenByRuns { get; init; }

    public void Run(ReadOnlySpan<byte> x, Span<int> y, int count) => PackedByteKernels.Layer(this, x, y, count);

    /// <summary>x − Offset as bytes (proven to fit), zero-filling the padding.</summary>
    public void Load(ReadOnlySpan<int> source, Span<byte> destination)
    {
        int j = 0, offset = Offset;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
        {
            var o = Vector512.Create(offset);
            for (; j + Vector512<byte>.Count <= source.Length; j += Vector512<byte>.Count)
            {
                var low = Vector512.Narrow((Vector512.Create(source.Slice(j)) - o).AsUInt32(), (Vector512.Create(source.Slice(j + 16)) - o).AsUInt32());
                var high = Vector512.Narrow((Vector512.Create(source.Slice(j + 32)) - o).AsUInt32(), (Vector512.Create(source.Slice(j + 48)) - o).AsUInt32());
                Vector512.Narrow(low, high).CopyTo(destination.Slice(j));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var o = Vector256.Create(offset);
            for (; j + Vector256<byte>.Count <= source.Length; j += Vector256<byte>.Count)
            {
                var low = Vector256.Narrow((Vector256.Create(source.Slice(j)) - o).AsUInt32(), (Vector256.Create(source.Slice(j + 8)) - o).AsUInt32());
                var high = Vector256.Narrow((Vector256.Create(source.Slice(j + 16)) - o).AsUInt32(), (Vector256.Create(source.Slice(j + 24)) - o).AsUInt32());
                Vector256.Narrow(low, high).CopyTo(destination.Slice(j));
            }
        }
#endif
        for (; j < source.Length; j++)
        {
            destination[j] = (byte)(source[j] - offset);
        }

        destination.Slice(source.Length, InputBytes - source.Length).Clear();
    }
}
