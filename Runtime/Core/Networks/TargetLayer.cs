using System;

namespace SlthGen;

/// <summary>
/// One layer W_i of the target network f: <see cref="Outputs"/> × <see cref="Inputs"/> weights,
/// row-major [output][input], as integers in units of δt, and optional biases (SPEC: a bias
/// vector c ∈ S_δt^{d_i} means [σ(W x + c)]_γ).
/// </summary>
public sealed class TargetLayer
{
    private readonly long[] _weights;
    private readonly long[]? _biases;

    /// <summary>Creates a layer; checks the shape (values are checked against δt by <see cref="TargetNetwork"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputs"/> or <paramref name="outputs"/> is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is null.</exception>
    /// <exception cref="ArgumentException">The weight or bias count does not match the shape.</exception>
    public TargetLayer(int inputs, int outputs, ReadOnlySpan<long> weights, ReadOnlySpan<long> biases = default, bool hasBiases = false)
    {
        if (inputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A layer needs at least one input.");
        }

        if (outputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "A layer needs at least one output.");
        }

        if ((long)inputs * outputs != weights.Length)
        {
            throw new ArgumentException($"A {inputs}→{outputs} layer needs inputs × outputs = {(long)inputs * outputs} weights (row-major [output][input]); found {weights.Length}.", nameof(weights));
        }

        hasBiases |= !biases.IsEmpty;
        if (hasBiases && biases.Length != outputs)
        {
            throw new ArgumentException($"A layer with {outputs} outputs needs {outputs} biases; found {biases.Length}.", nameof(biases));
        }

        Inputs = inputs;
        Outputs = outputs;
        _weights = weights.ToArray();
        _biases = hasBiases ? biases.ToArray() : null;
    }

    /// <summary>Creates a layer from arrays (biases may be null).</summary>
    public TargetLayer(int inputs, int outputs, long[] weights, long[]? biases = null)
        : this(inputs, outputs, (weights ?? throw new ArgumentNullException(nameof(weights))).AsSpan(), biases, biases is not null)
    {
    }

    /// <summary>d_{i-1}.</summary>
    public int Inputs { get; }

    /// <summary>d_i.</summary>
    public int Outputs { get; }

    /// <summary>W_i, row-major [output][input], in units of δt.</summary>
    public ReadOnlySpan<long> Weights => _weights;

    /// <summary>Whether the layer has a bias vector.</summary>
    public bool HasBiases => _biases is not null;

    /// <summary>The biases in units of δt (empty when <see cref="HasBiases"/> is false).</summary>
    public ReadOnlySpan<long> Biases => _biases;

    /// <summary>W_i[output, input].</summary>
    public long Weight(int output, int input) => _weights[(output * Inputs) + input];

    /// <summary>The bias of <paramref name="output"/>, 0 when the layer has none.</summary>
    public long Bias(int output) => _biases is null ? 0 : _biases[output];
}
