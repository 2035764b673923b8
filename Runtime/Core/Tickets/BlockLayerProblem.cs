using System;

namespace SlthGen;

/// <summary>
/// Lemma 5 / Lemma 7 for one target layer: g's block layer A (H × d_in, H = n·d_in) followed by
/// B (rows × H). Hidden neuron h belongs to block j = h mod d_in at position p = h / d_in (strided
/// blocks: a wider g appends neurons without renumbering). For output row r, input j and the side
/// s (a &gt; 0 serves x_j &gt; 0, a &lt; 0 serves x_j &lt; 0) the instance is
/// {B[r,h]·A[h,j] : h in block j, sign(A[h,j]) = s} with target W[k,j]·2^(2b−t) (units of δ²).
/// </summary>
internal sealed class BlockLayerProblem : LayerProblem
{
    private readonly AugmentedLayer _layer;
    private readonly RandomWeights _weights;
    private readonly Precision _delta;
    private readonly int _aLayer;
    private readonly int _copies;
    private readonly int _sides;
    private readonly int _scale;
    private readonly int _shift;
    private long[] _a = Array.Empty<long>();

    /// <param name="layer">The augmented target layer.</param>
    /// <param name="weights">g's weights.</param>
    /// <param name="delta">δ.</param>
    /// <param name="targetBits">t of δt.</param>
    /// <param name="aLayer">The 1-based index of A in g (B is the next one).</param>
    /// <param name="copies">Copies of each output neuron in B's rows (row = copy·outputs + k).</param>
    public BlockLayerProblem(AugmentedLayer layer, RandomWeights weights, Precision delta, int targetBits, int aLayer, int copies)
    {
        _layer = layer;
        _weights = weights;
        _delta = delta;
        _aLayer = aLayer;
        _copies = copies;
        _sides = layer.InputsMayBeNegative ? 2 : 1;
        _scale = (2 * delta.Bits) - targetBits;
        _shift = weights.Initial.Bits - delta.Bits;
    }

    public override int TargetLayer => _layer.Index;

    public override int InstanceCount => _layer.Outputs * _copies * _layer.Inputs * _sides;

    public override int MaxValues(int width) => width;

    public override int WidthNeeded(int member) => (member / _layer.Inputs) + 1;

    /// <summary>Draws A's block-diagonal weights once: every output's instances of block j share them.</summary>
    public override void Prepare(int width)
    {
        int count = width * _layer.Inputs;
        if (_a.Length >= count)
        {
            return;
        }

        var a = new long[count];
        Array.Copy(_a, a, _a.Length);
        for (int h = _a.Length; h < count; h++)
        {
            a[h] = _weights.ReducedWeight(_aLayer, h, h % _layer.Inputs, _delta);
        }

        _a = a;
    }

    public override int Fill(int instance, int width, Span<long> values, Span<int> members, out long target)
    {
        Decode(instance, out int row, out int k, out int j, out bool negative);
        int count = 0;
        if (negative && !_layer.MayBeNegative(j))
        {
            // The constant channel is never negative: nothing to represent on this side.
            target = 0;
            return 0;
        }

        target = _layer.Weight(k, j) << _scale;

        int d = _layer.Inputs;
        ulong rowKey = _weights.RowKey(_aLayer + 1, row);
        for (int p = 0; p < width; p++)
        {
            int h = (p * d) + j;
            long a = _a[h];
            if (a == 0 || (a < 0) != negative)
            {
                continue;
            }

            long b = _weights.ReducedWeight(rowKey, h, _shift);
            if (b == 0)
            {
                continue;
            }

            values[count] = a * b;
            members[count] = h;
            count++;
        }

        return count;
    }

    public override InstanceName Name(int instance)
    {
        Decode(instance, out int row, out int k, out int j, out bool negative);
        return new InstanceName(_layer.Index + 1, k, j, row / _layer.Outputs, negative);
    }

    /// <summary>The B row of an instance (copy·outputs + k).</summary>
    public int Row(int instance)
    {
        Decode(instance, out int row, out _, out _, out _);
        return row;
    }

    /// <summary>The block (input) of an instance.</summary>
    public int Input(int instance)
    {
        Decode(instance, out _, out _, out int j, out _);
        return j;
    }

    private void Decode(int instance, out int row, out int k, out int j, out bool negative)
    {
        negative = _sides == 2 && (instance % 2) == 1;
        int rest = instance / _sides;
        j = rest % _layer.Inputs;
        row = rest / _layer.Inputs;
        k = row % _layer.Outputs;
    }
}
