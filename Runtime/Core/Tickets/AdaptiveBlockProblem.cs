using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// One side of one block of an adaptive block layer (<see cref="BlockLayout.Adaptive"/>). Block j
/// is offered g's hidden neurons that earlier blocks did not take, in ascending index order
/// (<see cref="BlockOffer"/>); its positive side uses the first P of them with A[h,j] &gt; 0, its
/// negative side the first N with A[h,j] &lt; 0 (<see cref="SideScan"/>). Widening a side appends its next neuron, so
/// solvability is monotone in the width and <see cref="WidthSearch.FindSmallest"/> finds the
/// side's exact smallest width. Instance r (one per B row) is
/// {B[r,h]·A[h,j] : h among the side's neurons} with target W[k,j]·2^(2b−t), units of δ².
/// </summary>
internal sealed class AdaptiveBlockProblem : LayerProblem
{
    private readonly AugmentedLayer _layer;
    private readonly RandomWeights _weights;
    private readonly SideScan _side;
    private readonly int _aLayer;
    private readonly int _rows;
    private readonly int _scale;
    private readonly int _shift;

    public AdaptiveBlockProblem(AugmentedLayer layer, RandomWeights weights, Precision delta, int targetBits, int aLayer, int copies, SideScan side)
    {
        _layer = layer;
        _weights = weights;
        _side = side;
        _aLayer = aLayer;
        _rows = layer.Outputs * copies;
        _scale = (2 * delta.Bits) - targetBits;
        _shift = weights.Initial.Bits - delta.Bits;
    }

    public override int TargetLayer => _layer.Index;

    public override int InstanceCount => _rows;

    public override int MaxValues(int width) => width;

    public override int WidthNeeded(int member) => _side.Neurons.BinarySearch(member) + 1;

    /// <summary>Offers the side its first <paramref name="width"/> neurons (scanning g's untaken neurons as needed).</summary>
    public override void Prepare(int width) => _side.Extend(width);

    public override int Fill(int instance, int width, Span<long> values, Span<int> members, out long target)
    {
        // Only inputs that may be negative get a negative side (AdaptiveBlockLayer.Solve).
        int k = instance % _layer.Outputs;
        target = _layer.Weight(k, _side.Offer.Input) << _scale;
        ulong rowKey = _weights.RowKey(_aLayer + 1, instance);
        int count = 0;
        for (int p = 0; p < width; p++)
        {
            int h = _side.Neurons[p];
            long b = _weights.ReducedWeight(rowKey, h, _shift);
            if (b == 0)
            {
                continue;
            }

            values[count] = _side.A[p] * b;
            members[count] = h;
            count++;
        }

        return count;
    }

    public override InstanceName Name(int instance) => new(_layer.Index + 1, instance % _layer.Outputs, _side.Offer.Input, instance / _layer.Outputs, _side.Negative);
}

/// <summary>
/// The neurons offered to block j, in ascending index order: those blocks 0 … j−1 did not take
/// (the leftovers below the frontier), then the fresh neurons from the frontier on. Read-only, so
/// the block's two sides each scan it on their own.
/// </summary>
internal sealed class BlockOffer
{
    private readonly IReadOnlyList<int> _leftovers;
    private readonly int _frontier;

    public BlockOffer(int input, IReadOnlyList<int> leftovers, int frontier)
    {
        Input = input;
        _leftovers = leftovers;
        _frontier = frontier;
    }

    /// <summary>The block's input j.</summary>
    public int Input { get; }

    /// <summary>The <paramref name="position"/>-th neuron offered.</summary>
    public int this[int position] => position < _leftovers.Count ? _leftovers[position] : checked(_frontier + (position - _leftovers.Count));
}

/// <summary>
/// One side of a block: the offered neurons with A[h,j] of that sign, in offer order, and their
/// A[h,j] (neurons with A[h,j] = 0 serve neither side and stay for later blocks). Each side scans
/// the offer with its own cursor: what a side takes depends only on the offer and its sign, never
/// on how far the other side scanned.
/// </summary>
internal sealed class SideScan
{
    private readonly RandomWeights _weights;
    private readonly int _aLayer;
    private readonly int _shift;
    private int _scanned;

    public SideScan(RandomWeights weights, int aLayer, int shift, BlockOffer offer, bool negative)
    {
        _weights = weights;
        _aLayer = aLayer;
        _shift = shift;
        Offer = offer;
        Negative = negative;
    }

    public BlockOffer Offer { get; }

    /// <summary>Whether this side serves x_j &lt; 0 (A[h,j] &lt; 0).</summary>
    public bool Negative { get; }

    /// <summary>The side's neurons in offer order (ascending).</summary>
    public List<int> Neurons { get; } = new();

    /// <summary>A[h,j] of each of <see cref="Neurons"/>.</summary>
    public List<long> A { get; } = new();

    /// <summary>Scans the offer until the side has at least <paramref name="count"/> neurons.</summary>
    public void Extend(int count)
    {
        while (Neurons.Count < count)
        {
            int h = Offer[_scanned++];
            long a = _weights.ReducedWeight(_weights.RowKey(_aLayer, h), Offer.Input, _shift);
            if (a != 0 && (a < 0) == Negative)
            {
                Neurons.Add(h);
                A.Add(a);
            }
        }
    }
}
