namespace SlthGen;

/// <summary>
/// A target layer with the bias channel made explicit (SPEC "Biases"): when some layer at or
/// after this one has biases, the layer reads a constant input of value 1 (column d_{i-1}, whose
/// weights are the biases), and when a later layer has biases it also outputs that constant
/// (row d_i, weight 1 = 2^t on the constant column, 0 elsewhere). The augmented network has no
/// biases, so both constructions apply unchanged.
/// </summary>
internal sealed class AugmentedLayer
{
    private readonly TargetLayer _layer;
    private readonly long _one;

    public AugmentedLayer(TargetNetwork network, int index)
    {
        _layer = network.Layers[index];
        Index = index;
        _one = network.TargetPrecision.One;
        bool laterBias = false;
        for (int i = index + 1; i < network.Layers.Count; i++)
        {
            laterBias |= network.Layers[i].HasBiases;
        }

        ConstantIn = laterBias || _layer.HasBiases;
        ConstantOut = laterBias;
        Inputs = _layer.Inputs + (ConstantIn ? 1 : 0);
        Outputs = _layer.Outputs + (ConstantOut ? 1 : 0);
        InputsMayBeNegative = index == 0 && network.InputMin < 0;
        IsLast = index == network.Layers.Count - 1;
    }

    /// <summary>The target layer, 0-based.</summary>
    public int Index { get; }

    /// <summary>Whether the layer reads the constant channel (as its last input).</summary>
    public bool ConstantIn { get; }

    /// <summary>Whether the layer carries the constant channel on (as its last output).</summary>
    public bool ConstantOut { get; }

    /// <summary>d_{i-1} (+1 with the constant channel).</summary>
    public int Inputs { get; }

    /// <summary>d_i (+1 when carrying the constant channel).</summary>
    public int Outputs { get; }

    /// <summary>Whether the last layer of the network (no σ, no copies).</summary>
    public bool IsLast { get; }

    /// <summary>Whether non-constant inputs can be negative (only the first layer's, with a negative declared minimum).</summary>
    public bool InputsMayBeNegative { get; }

    /// <summary>Whether input <paramref name="input"/> can be negative.</summary>
    public bool MayBeNegative(int input) => InputsMayBeNegative && input < _layer.Inputs;

    /// <summary>The augmented weight in units of δt.</summary>
    public long Weight(int output, int input)
    {
        if (output == _layer.Outputs)
        {
            return input == _layer.Inputs ? _one : 0;
        }

        return input == _layer.Inputs ? _layer.Bias(output) : _layer.Weight(output, input);
    }
}
