using System;

namespace SlthGen;

/// <summary>
/// Theorem 2's later layers (Burkholz-style): g's layer reads c_in copies of every input neuron
/// (column = copy·d_in + j) and writes c_out copies of every output (row = copy·d_out + k). Its
/// inputs are post-ReLU, so for output row r and input j the instance is the plain δ-weights
/// {M[r, r'·d_in + j] : r' &lt; c_in} with target W[k,j]·2^(b−t) (units of δ).
/// </summary>
internal sealed class CopyLayerProblem : LayerProblem
{
    private readonly AugmentedLayer _layer;
    private readonly RandomWeights _weights;
    private readonly Precision _delta;
    private readonly int _gLayer;
    private readonly int _outputCopies;
    private readonly int _scale;

    public CopyLayerProblem(AugmentedLayer layer, RandomWeights weights, Precision delta, int targetBits, int gLayer, int outputCopies)
    {
        _layer = layer;
        _weights = weights;
        _delta = delta;
        _gLayer = gLayer;
        _outputCopies = outputCopies;
        _scale = delta.Bits - targetBits;
    }

    public override int TargetLayer => _layer.Index;

    public override int InstanceCount => _layer.Outputs * _outputCopies * _layer.Inputs;

    public override int MaxValues(int width) => width;

    public override int WidthNeeded(int member) => (member / _layer.Inputs) + 1;

    public override int Fill(int instance, int width, Span<long> values, Span<int> members, out long target)
    {
        int j = instance % _layer.Inputs;
        int row = instance / _layer.Inputs;
        int k = row % _layer.Outputs;
        target = _layer.Weight(k, j) << _scale;
        int count = 0;
        ulong rowKey = _weights.RowKey(_gLayer, row);
        int shift = _weights.Initial.Bits - _delta.Bits;
        for (int copy = 0; copy < width; copy++)
        {
            int column = (copy * _layer.Inputs) + j;
            long w = _weights.ReducedWeight(rowKey, column, shift);
            if (w == 0)
            {
                continue;
            }

            values[count] = w;
            members[count] = column;
            count++;
        }

        return count;
    }

    public override InstanceName Name(int instance)
    {
        int j = instance % _layer.Inputs;
        int row = instance / _layer.Inputs;
        return new InstanceName(_layer.Index + 1, row % _layer.Outputs, j, row / _layer.Outputs, false);
    }

    /// <summary>The row of g an instance fills.</summary>
    public int Row(int instance) => instance / _layer.Inputs;
}
