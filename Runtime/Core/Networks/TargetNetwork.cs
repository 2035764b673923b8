using System;
using System.Collections.Generic;
using System.Globalization;

namespace SlthGen;

/// <summary>
/// The target network f(x) = [W_ℓ [σ(W_{ℓ-1} … [σ(W_1 x)]_γ …)]_γ]_γ (the paper's Definitions 3
/// and 5, SPEC "Target network"): weights of precision δt, ReLU, every layer's output floored to
/// γ, no ReLU on the last layer. Inputs and outputs are integers in units of γ.
/// </summary>
public sealed class TargetNetwork
{
    private readonly TargetLayer[] _layers;

    /// <summary>Creates and validates a target network.</summary>
    /// <param name="layers">W_1 … W_ℓ in order.</param>
    /// <param name="target">δt, the precision of the weights and biases.</param>
    /// <param name="activation">γ, the precision of inputs and of every layer's output.</param>
    /// <param name="inputMin">The smallest input value, in units of γ.</param>
    /// <param name="inputMax">The largest input value, in units of γ.</param>
    /// <exception cref="ArgumentException">The layers are empty, do not chain, or hold values outside S_δt; the input range is empty.</exception>
    public TargetNetwork(IReadOnlyList<TargetLayer> layers, Precision target, Precision activation, long inputMin, long inputMax)
    {
        if (layers is null)
        {
            throw new ArgumentNullException(nameof(layers));
        }

        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        if (target.Bits == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "default(Precision) is not a precision.");
        }

        if (activation.Bits == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(activation), "default(Precision) is not a precision.");
        }

        if (inputMax < inputMin)
        {
            throw new ArgumentException($"The input range [{inputMin}, {inputMax}] (units of γ = {activation}) is empty.", nameof(inputMax));
        }

        _layers = new TargetLayer[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i] ?? throw new ArgumentException($"Layer {i + 1} is null.", nameof(layers));
            if (i > 0 && layer.Inputs != _layers[i - 1].Outputs)
            {
                throw new ArgumentException($"Layer {i + 1} has {layer.Inputs} inputs but layer {i} has {_layers[i - 1].Outputs} outputs: the dimension chain is broken.", nameof(layers));
            }

            for (int w = 0; w < layer.Weights.Length; w++)
            {
                if (!target.Contains(layer.Weights[w]))
                {
                    throw new ArgumentException(
                        string.Format(CultureInfo.InvariantCulture, "Layer {0}, weight [{1},{2}] = {3} is outside S_δt = [-{4}, {4}] (units of δt = {5}).", i + 1, w / layer.Inputs, w % layer.Inputs, layer.Weights[w], target.One, target),
                        nameof(layers));
                }
            }

            for (int b = 0; b < layer.Biases.Length; b++)
            {
                if (!target.Contains(layer.Biases[b]))
                {
                    throw new ArgumentException(
                        string.Format(CultureInfo.InvariantCulture, "Layer {0}, bias [{1}] = {2} is outside S_δt = [-{3}, {3}] (units of δt = {4}).", i + 1, b, layer.Biases[b], target.One, target),
                        nameof(layers));
                }
            }

            _layers[i] = layer;
        }

        TargetPrecision = target;
        Activation = activation;
        InputMin = inputMin;
        InputMax = inputMax;
    }

    /// <summary>The layers W_1 … W_ℓ.</summary>
    public IReadOnlyList<TargetLayer> Layers => _layers;

    /// <summary>δt.</summary>
    public Precision TargetPrecision { get; }

    /// <summary>γ.</summary>
    public Precision Activation { get; }

    /// <summary>The smallest input, in units of γ.</summary>
    public long InputMin { get; }

    /// <summary>The largest input, in units of γ.</summary>
    public long InputMax { get; }

    /// <summary>d_0.</summary>
    public int InputCount => _layers[0].Inputs;

    /// <summary>d_ℓ.</summary>
    public int OutputCount => _layers[_layers.Length - 1].Outputs;

    /// <summary>Whether any layer has biases (the ticket then carries a constant channel).</summary>
    public bool HasBiases
    {
        get
        {
            foreach (var layer in _layers)
            {
                if (layer.HasBiases)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Σ_i d_i·d_{i-1}: the target's weight count N_t.</summary>
    public long WeightCount
    {
        get
        {
            long count = 0;
            foreach (var layer in _layers)
            {
                count += (long)layer.Inputs * layer.Outputs;
            }

            return count;
        }
    }

    /// <summary>The number of points in the declared input domain, or null above 2^62.</summary>
    public long? InputDomainSize
    {
        get
        {
            long perInput = InputMax - InputMin + 1;
            long total = 1;
            for (int i = 0; i < InputCount; i++)
            {
                if (total > (1L << 62) / perInput)
                {
                    return null;
                }

                total *= perInput;
            }

            return total;
        }
    }

    /// <summary>f(x), checked: throws when an input is outside the declared range or the lengths are wrong.</summary>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input lies outside [<see cref="InputMin"/>, <see cref="InputMax"/>].</exception>
    public void Evaluate(ReadOnlySpan<long> input, Span<long> output)
    {
        CheckInput(input);
        CheckOutput(output);

        var trace = Trace(input);
        trace[trace.Length - 1].CopyTo(output);
    }

    /// <summary>f(x) as a new array.</summary>
    public long[] Evaluate(ReadOnlySpan<long> input)
    {
        var output = new long[OutputCount];
        Evaluate(input, output);
        return output;
    }

    /// <summary>
    /// The output of every layer, in units of γ: element i is [σ(W_{i+1} a_i + c_{i+1})]_γ
    /// (no σ on the last). The input must be in range (see <see cref="Evaluate(ReadOnlySpan{long}, Span{long})"/>).
    /// </summary>
    public long[][] Trace(ReadOnlySpan<long> input)
    {
        CheckInput(input);
        int t = TargetPrecision.Bits;
        int m = Activation.Bits;
        var result = new long[_layers.Length][];
        long[] current = input.ToArray();
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            bool last = i == _layers.Length - 1;
            var next = new long[layer.Outputs];
            for (int k = 0; k < layer.Outputs; k++)
            {
                // Σ_j W[k,j]·x_j + c_k, in units of 2^-(t+m); the bias c·δt is c·2^m in those units.
                long sum = checked(layer.Bias(k) << m);
                for (int j = 0; j < layer.Inputs; j++)
                {
                    sum = checked(sum + checked(layer.Weight(k, j) * current[j]));
                }

                if (!last && sum < 0)
                {
                    sum = 0;
                }

                next[k] = sum >> t;
            }

            result[i] = next;
            current = next;
        }

        return result;
    }

    /// <summary>Throws unless <paramref name="output"/> has one entry per output.</summary>
    internal void CheckOutput(Span<long> output)
    {
        if (output.Length != OutputCount)
        {
            throw new ArgumentException($"The network has {OutputCount} outputs; the output span has {output.Length}.", nameof(output));
        }
    }

    /// <summary>Throws unless <paramref name="input"/> has d_0 entries, each in the declared range.</summary>
    internal void CheckInput(ReadOnlySpan<long> input)
    {
        if (input.Length != InputCount)
        {
            throw new ArgumentException($"The network has {InputCount} inputs; the input span has {input.Length}.", nameof(input));
        }

        for (int j = 0; j < input.Length; j++)
        {
            if (input[j] < InputMin || input[j] > InputMax)
            {
                throw new ArgumentOutOfRangeException(nameof(input), input[j], $"input[{j}] = {input[j]} is outside the declared range [{InputMin}, {InputMax}] (units of γ).");
            }
        }
    }
}
