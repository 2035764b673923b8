using System;
using System.Buffers;
using System.Linq;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace SlthGen;

/// <summary>
/// A target network on dense 16-bit kernels: activations in int16, sums in int32, outputs in SIMD
/// lanes (AVX-512BW or AVX2 <c>vpmaddwd</c>; a scalar loop elsewhere and on netstandard2.0). Generated
/// references run on it when <see cref="CanPack"/> proves the narrow arithmetic exact for every
/// input in [InputMin, InputMax]; the results equal <see cref="TargetNetwork.Evaluate(ReadOnlySpan{long}, Span{long})"/>
/// bit for bit.
/// </summary>
public sealed class PackedTargetNetwork
{
    private const int StackShorts = 8 * 1024;

    private readonly PackedLayer[] _layers;
    private readonly int _inputStride;
    private readonly int _hiddenStride;
    private readonly int _outputStride;

    private PackedTargetNetwork(TargetNetwork network)
    {
        Network = network;
        int m = network.Activation.Bits, t = network.TargetPrecision.Bits;
        _layers = network.Layers.Select((l, i) => new PackedLayer(l, m, t, relu: i < network.Layers.Count - 1)).ToArray();
        _inputStride = _layers.Max(l => l.InputStride);
        _hiddenStride = _layers.Max(l => l.OutputStride);
        _outputStride = _layers[_layers.Length - 1].OutputStride;
    }

    /// <summary>The network this was packed from.</summary>
    public TargetNetwork Network { get; }

    /// <summary>d_0.</summary>
    public int InputCount => Network.InputCount;

    /// <summary>d_ℓ.</summary>
    public int OutputCount => Network.OutputCount;

    /// <summary>
    /// Whether the network runs exactly on 16-bit kernels: every weight, input and hidden activation
    /// fits in int16 and every partial sum in int32, by the interval bounds of
    /// <see cref="OverflowAnalysis.Target(TargetNetwork)"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static bool CanPack(TargetNetwork network) =>
        OverflowAnalysis.Int16Obstacle(network ?? throw new ArgumentNullException(nameof(network))) is null;

    /// <summary>Packs <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The network cannot run exactly on 16-bit kernels (the message says why).</exception>
    public static PackedTargetNetwork Create(TargetNetwork network)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        if (OverflowAnalysis.Int16Obstacle(network) is { } obstacle)
        {
            throw new ArgumentException("The network cannot run exactly on 16-bit kernels: " + obstacle + " for inputs in [" + network.InputMin + ", " + network.InputMax + "].", nameof(network));
        }

        return new PackedTargetNetwork(network);
    }

    /// <summary>One sample. Checks lengths and the input range.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside [InputMin, InputMax].</exception>
    public void Evaluate(ReadOnlySpan<int> input, Span<int> output)
    {
        CheckSamples(input, output, batch: false);
        Run(input, output, 1);
    }

    /// <summary>Many samples, sample-major (as the generated <c>EvaluateBatch</c>). Checks lengths and the input range.</summary>
    /// <exception cref="ArgumentException">The lengths are not whole samples or do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside [InputMin, InputMax].</exception>
    public void EvaluateBatch(ReadOnlySpan<int> inputs, Span<int> outputs)
    {
        CheckSamples(inputs, outputs, batch: true);
        EvaluateBatchUnchecked(inputs, outputs);
    }

    /// <summary>
    /// One sample, for callers that have checked the lengths and the range (the generated
    /// <c>EvaluateReference</c>). An input outside [InputMin, InputMax] gives unspecified outputs:
    /// the 16-bit arithmetic is proven only inside it. Wrong lengths still throw.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void EvaluateUnchecked(ReadOnlySpan<int> input, Span<int> output)
    {
        if (input.Length != InputCount || output.Length != OutputCount)
        {
            throw new ArgumentException("The spans must hold " + InputCount + " inputs and " + OutputCount + " outputs.", input.Length != InputCount ? nameof(input) : nameof(output));
        }

        Run(input, output, 1);
    }

    /// <summary>Many samples, for callers that have checked the lengths and the range (see <see cref="EvaluateUnchecked"/>).</summary>
    /// <exception cref="ArgumentException">The lengths are not whole samples or do not match.</exception>
    public void EvaluateBatchUnchecked(ReadOnlySpan<int> inputs, Span<int> outputs)
    {
        if (inputs.Length % InputCount != 0 || outputs.Length != inputs.Length / InputCount * OutputCount)
        {
            throw new ArgumentException("inputs and outputs must hold the same whole number of samples (" + InputCount + " inputs, " + OutputCount + " outputs each).", inputs.Length % InputCount != 0 ? nameof(inputs) : nameof(outputs));
        }

        int count = inputs.Length / InputCount, s = 0;
        for (; s + PackedKernels.Group <= count; s += PackedKernels.Group)
        {
            Run(inputs.Slice(s * InputCount, PackedKernels.Group * InputCount), outputs.Slice(s * OutputCount, PackedKernels.Group * OutputCount), PackedKernels.Group);
        }

        for (; s < count; s++)
        {
            Run(inputs.Slice(s * InputCount, InputCount), outputs.Slice(s * OutputCount, OutputCount), 1);
        }
    }

    private void Run(ReadOnlySpan<int> inputs, Span<int> outputs, int count)
    {
        int shorts = count * _inputStride, ints = count * _hiddenStride;
        short[]? rentedShorts = null;
        int[]? rentedInts = null;
        Span<short> x = shorts <= StackShorts ? stackalloc short[shorts] : (rentedShorts = ArrayPool<short>.Shared.Rent(shorts));
        Span<int> y = ints <= StackShorts / 2 ? stackalloc int[ints] : (rentedInts = ArrayPool<int>.Shared.Rent(ints));
        try
        {
            int stride = _layers[0].InputStride;
            for (int s = 0; s < count; s++)
            {
                Narrow(inputs.Slice(s * InputCount, InputCount), x.Slice(s * stride, stride));
            }

            for (int i = 0; i < _layers.Length; i++)
            {
                var layer = _layers[i];
                PackedKernels.Layer(layer, x, y, count);
                if (i + 1 < _layers.Length)
                {
                    // Lanes beyond the layer's outputs hold exactly 0 (zero weights and bias, then σ), so
                    // the next layer's padding input is 0 too.
                    int next = _layers[i + 1].InputStride;
                    for (int s = 0; s < count; s++)
                    {
                        Narrow(y.Slice(s * layer.OutputStride, next), x.Slice(s * next, next));
                    }
                }
            }

            for (int s = 0; s < count; s++)
            {
                y.Slice(s * _outputStride, OutputCount).CopyTo(outputs.Slice(s * OutputCount, OutputCount));
            }
        }
        finally
        {
            if (rentedShorts is not null)
            {
                ArrayPool<short>.Shared.Return(rentedShorts);
            }

            if (rentedInts is not null)
            {
                ArrayPool<int>.Shared.Return(rentedInts);
            }
        }
    }

    /// <summary>int → int16 (proven to fit), zero-filling the rest of <paramref name="destination"/>.</summary>
    private static void Narrow(ReadOnlySpan<int> source, Span<short> destination)
    {
        int j = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + Vector512<short>.Count <= source.Length; j += Vector512<short>.Count)
            {
                Vector512.Narrow(Vector512.Create(source.Slice(j)), Vector512.Create(source.Slice(j + Vector512<int>.Count))).CopyTo(destination.Slice(j));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<short>.Count <= source.Length; j += Vector256<short>.Count)
            {
                Vector256.Narrow(Vector256.Create(source.Slice(j)), Vector256.Create(source.Slice(j + Vector256<int>.Count))).CopyTo(destination.Slice(j));
            }
        }
#endif
        for (; j < source.Length; j++)
        {
            destination[j] = (short)source[j];
        }

        destination.Slice(source.Length).Clear();
    }

    private void CheckSamples(ReadOnlySpan<int> inputs, Span<int> outputs, bool batch)
    {
        string inputName = batch ? nameof(inputs) : "input", outputName = batch ? nameof(outputs) : "output";
        if (inputs.Length % InputCount != 0 || (!batch && inputs.Length != InputCount))
        {
            throw new ArgumentException(inputName + " holds " + inputs.Length + " values, not " + (batch ? "a whole number of samples" : "one sample") + " of " + InputCount + ".", inputName);
        }

        if (outputs.Length != inputs.Length / InputCount * OutputCount)
        {
            throw new ArgumentException(outputName + " needs " + (inputs.Length / InputCount * OutputCount) + " values; it has " + outputs.Length + ".", outputName);
        }

        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] < Network.InputMin || inputs[i] > Network.InputMax)
            {
                throw new ArgumentOutOfRangeException(inputName, inputs[i], inputName + "[" + i + "] is outside [" + Network.InputMin + ", " + Network.InputMax + "].");
            }
        }
    }
}
