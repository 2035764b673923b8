using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// One side of one block of an adaptive block layer (<see cref="BlockLayout.Adaptive"/>). Block j
/// is offered g's hidden neurons that earlier blocks did not take, in ascending index order
/// (<see cref="BlockScan"/>); its positive side uses the first P of them with A[h,j] &gt; 0, its
/// negative side the first N with A[h,j] &lt; 0. Widening a side appends its next neuron, so
/// solvability is monotone in the width and <see cref="WidthSearch.FindSmallest"/> finds the
/// side's exact smallest width. Instance r (one per B row) is
/// {B[r,h]·A[h,j] : h among the side's neurons} with target W[k,j]·2^(2b−t), units of δ².
/// </summary>
internal sealed class AdaptiveBlockProblem : LayerProblem
{
    private readonly AugmentedLayer _layer;
    private readonly RandomWeights _weights;
    private readonly BlockScan _scan;
    private readonly int _aLayer;
    private readonly int _rows;
    private readonly int _scale;
    private readonly int _shift;
    private readonly bool _negative;

    public AdaptiveBlockProblem(AugmentedLayer layer, RandomWeights weights, Precision delta, int targetBits, int aLayer, int copies, BlockScan scan, bool negative)
    {
        _layer = layer;
        _weights = weights;
        _scan = scan;
        _aLayer = aLayer;
        _rows = layer.Outputs * copies;
        _scale = (2 * delta.Bits) - targetBits;
        _shift = weights.Initial.Bits - delta.Bits;
        _negative = negative;
    }

    public override int TargetLayer => _layer.Index;

    public override int InstanceCount => _rows;

    public override int MaxValues(int width) => width;

    public override int WidthNeeded(int member) => _scan.Side(_negative).Neurons.BinarySearch(member) + 1;

    /// <summary>Offers the side its first <paramref name="width"/> neurons (scanning g's untaken neurons as needed).</summary>
    public override void Prepare(int width) => _scan.Extend(_negative, width);

    public override int Fill(int instance, int width, Span<long> values, Span<int> members, out long target)
    {
        int k = instance % _layer.Outputs;
        int j = _scan.Input;
        if (_negative && !_layer.MayBeNegative(j))
        {
            // Non-negative inputs (the constant channel, later layers): nothing to represent on this side.
            target = 0;
            return 0;
        }

        target = _layer.Weight(k, j) << _scale;
        var side = _scan.Side(_negative);
        ulong rowKey = _weights.RowKey(_aLayer + 1, instance);
        int count = 0;
        for (int p = 0; p < width; p++)
        {
            int h = side.Neurons[p];
            long b = _weights.ReducedWeight(rowKey, h, _shift);
            if (b == 0)
            {
                continue;
            }

            values[count] = side.A[p] * b;
            members[count] = h;
            count++;
        }

        return count;
    }

    public override InstanceName Name(int instance) => new(_layer.Index + 1, instance % _layer.Outputs, _scan.Input, instance / _layer.Outputs, _negative);
}

/// <summary>
/// The neurons offered to block j: those not taken by blocks 0 … j−1, in ascending index order
/// (the leftovers below the frontier, then the fresh neurons from the frontier on), split by
/// the sign of A[h,j] (neurons with A[h,j] = 0 serve neither side and stay for later blocks).
/// </summary>
internal sealed class BlockScan
{
    private readonly RandomWeights _weights;
    private readonly int _aLayer;
    private readonly int _shift;
    private readonly IReadOnlyList<int> _leftovers;
    private readonly int _frontier;
    private readonly SideList _positive = new();
    private readonly SideList _negative = new();
    private int _scanned;

    public BlockScan(RandomWeights weights, int aLayer, int input, int shift, IReadOnlyList<int> leftovers, int frontier)
    {
        _weights = weights;
        _aLayer = aLayer;
        _shift = shift;
        Input = input;
        _leftovers = leftovers;
        _frontier = frontier;
    }

    /// <summary>The block's input j.</summary>
    public int Input { get; }

    public SideList Side(bool negative) => negative ? _negative : _positive;

    /// <summary>Scans untaken neurons until the side has at least <paramref name="count"/>.</summary>
    public void Extend(bool negative, int count)
    {
        var side = Side(negative);
        while (side.Neurons.Count < count)
        {
            int h = _scanned < _leftovers.Count ? _leftovers[_scanned] : checked(_frontier + (_scanned - _leftovers.Count));
            _scanned++;
            long a = _weights.ReducedWeight(_weights.RowKey(_aLayer, h), Input, _shift);
            if (a != 0)
            {
                Side(a < 0).Add(h, a);
            }
        }
    }

    /// <summary>A side's neurons in offer order (ascending) and their A[h,j].</summary>
    internal sealed class SideList
    {
        public List<int> Neurons { get; } = new();

        public List<long> A { get; } = new();

        public void Add(int h, long a)
        {
            Neurons.Add(h);
            A.Add(a);
        }
    }
}
