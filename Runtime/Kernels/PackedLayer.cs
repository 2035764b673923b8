using System;

namespace SlthGen;

/// <summary>
/// One target layer laid out for 16-bit multiply-add kernels: outputs in blocks of
/// <see cref="Lanes"/> (one 32-bit lane each), inputs in pairs. Element (block b, pair p, lane l, h)
/// is W[16b + l, 2p + h], zero outside the layer; biases are pre-scaled to the accumulator's units.
/// One layout serves every kernel: a Vector512 row is one block, two Vector256 halves are lanes
/// 0–7 and 8–15, and the scalar path reads the same numbers.
/// </summary>
internal sealed class PackedLayer
{
    /// <summary>Outputs per block: the int32 lanes of one 512-bit vector.</summary>
    public const int Lanes = 16;

    /// <summary>Shorts per (block, pair) row: two weights per lane.</summary>
    public const int RowShorts = 2 * Lanes;

    public PackedLayer(TargetLayer layer, int activationBits, int shift, bool relu)
    {
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
}
