using System;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace SlthGen;

/// <summary>
/// One target layer laid out for 16-bit multiply-add kernels: outputs in blocks of
/// <see cref="Lanes"/> (one 32-bit lane each), inputs in pairs. Element (block b, pair p, lane l, h)
/// is W[16b + l, 2p + h], zero outside the layer; biases are pre-scaled to the accumulator's units.
/// One layout serves every kernel: a Vector512 row is one block, two Vector256 halves are lanes
/// 0–7 and 8–15, and the scalar path reads the same numbers.
/// </summary>
internal sealed class PackedLayer : IPackedLayer
{
    /// <summary>Outputs per block: the int32 lanes of one 512-bit vector.</summary>
    public const int Lanes = 16;

    /// <summary>Shorts per (block, pair) row: two weights per lane.</summary>
    public const int RowShorts = 2 * Lanes;

    public PackedLayer(TargetLayer layer, int activationBits, int shift, bool relu)
        : this(layer, activationBits, shift, relu, default(PackedOptions).Choose(bytes: false, pairsFitInt16: false))
    {
    }

    /// <param name="layer">The target layer (weights proven to fit int16 by the caller).</param>
    /// <param name="activationBits">m: biases are scaled by 2^m into the accumulator's units.</param>
    /// <param name="shift">t: the floor to γ.</param>
    /// <param name="relu">σ on this layer (all but the last).</param>
    /// <param name="kernel">One of the 16-bit kernels.</param>
    public PackedLayer(TargetLayer layer, int activationBits, int shift, bool relu, PackedKernel kernel)
    {
        if (kernel > PackedKernel.AvxVnni16)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Not a 16-bit kernel.");
        }

        Kernel = kernel;
        Inputs = layer.Inputs;
        Outputs = layer.Outputs;
        Pairs = (layer.Inputs + 1) / 2;
        Blocks = (layer.Outputs + Lanes - 1) / Lanes;
        Shift = shift;
        Relu = relu;
        Weights = new short[Blocks * Pairs * RowShorts];
        Biases = new int[Blocks * Lanes];
        for (int k = 0; k < Outputs; k++)
        {
            int block = k / Lanes, lane = k % Lanes;
            Biases[k] = checked((int)(layer.Bias(k) << activationBits));
            for (int j = 0; j < Inputs; j++)
            {
                int pair = j / 2, half = j % 2;
                Weights[(((block * Pairs) + pair) * RowShorts) + (2 * lane) + half] = checked((short)layer.Weight(k, j));
            }
        }
    }

    public PackedKernel Kernel { get; }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>⌈Inputs / 2⌉: the input buffer holds 2·Pairs shorts, the last one zero when Inputs is odd.</summary>
    public int Pairs { get; }

    /// <summary>⌈Outputs / 16⌉: the output buffer holds 16·Blocks values, zero beyond Outputs.</summary>
    public int Blocks { get; }

    /// <summary>The floor to γ: an arithmetic shift right by TargetBits.</summary>
    public int Shift { get; }

    public bool Relu { get; }

    public short[] Weights { get; }

    public int[] Biases { get; }

    /// <summary>Shorts in this layer's (padded) input buffer.</summary>
    public int InputStride => 2 * Pairs;

    /// <summary>Values in this layer's (padded) output buffer.</summary>
    public int OutputStride => Lanes * Blocks;

    public int InputBytes => 2 * InputStride;

    public void Run(ReadOnlySpan<byte> x, Span<int> y, int count) => PackedKernels.Layer(this, MemoryMarshal.Cast<byte, short>(x), y, count);

    /// <summary>int → int16 (proven to fit), zero-filling the rest of the buffer.</summary>
    public void Load(ReadOnlySpan<int> source, Span<byte> destination)
    {
        var shorts = MemoryMarshal.Cast<byte, short>(destination.Slice(0, InputBytes));
        int j = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + Vector512<short>.Count <= source.Length; j += Vector512<short>.Count)
            {
                Vector512.Narrow(Vector512.Create(source.Slice(j)), Vector512.Create(source.Slice(j + Vector512<int>.Count))).CopyTo(shorts.Slice(j));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<short>.Count <= source.Length; j += Vector256<short>.Count)
            {
                Vector256.Narrow(Vector256.Create(source.Slice(j)), Vector256.Create(source.Slice(j + Vector256<int>.Count))).CopyTo(shorts.Slice(j));
            }
        }
#endif
        for (; j < source.Length; j++)
        {
            shorts[j] = (short)source[j];
        }

        shorts.Slice(source.Length).Clear();
    }
}
