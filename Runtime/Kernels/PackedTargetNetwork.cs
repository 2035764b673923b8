using System;
using System.Buffers;
using System.Linq;

namespace SlthGen;

/// <summary>
/// A target network on dense 8- and 16-bit kernels: weights and activations in int8/uint8 where
/// proven (<c>vpmaddubsw</c> or AVX-VNNI <c>vpdpbusd</c>), else in int16 (<c>vpmaddwd</c>), sums in
/// int32, outputs in SIMD lanes; a scalar loop elsewhere and on netstandard2.0. Generated
/// references run on it when <see cref="CanPack"/> proves the narrow arithmetic exact for every
/// input in [InputMin, InputMax]; the results equal <see cref="TargetNetwork.Evaluate(ReadOnlySpan{long}, Span{long})"/>
/// bit for bit.
/// </summary>
public sealed class PackedTargetNetwork
{
    private const int StackBytes = 16 * 1024;

    private readonly IPackedLayer[] _layers;
    private readonly int _inputBytes;
    private readonly int _hiddenStride;
    private readonly int _outputStride;

    private PackedTargetNetwork(TargetNetwork network, PackedOptions options)
    {
        Network = network;
        int m = network.Activation.Bits, t = network.TargetPrecision.Bits;
        var bounds = OverflowAnalysis.Target(network);
        _layers = new IPackedLayer[network.Layers.Count];
        decimal low = network.InputMin, high = network.InputMax;
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = network.Layers[i];
            bool relu = i < _layers.Length - 1;
            bool bytes = PackedByteLayer.Obstacle(layer, m, low, high) is null;
            var kernel = options.Choose(bytes, bytes && PackedByteLayer.PairsFitInt16(layer, high - low));
            _layers[i] = kernel >= PackedKernel.Scalar8
                ? new PackedByteLayer(layer, m, t, relu, (long)low, kernel) { WidenByRuns = !options.NoRuns && PackedByteLayer.RunsFitInt16(layer, high - low) }
                : new PackedLayer(layer, m, t, relu, kernel);
            low = bounds[i].OutputMin;
            high = bounds[i].OutputMax;
        }

        _inputBytes = _layers.Max(l => l.InputBytes);
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

    /// <summary>
    /// Packs <paramref name="network"/>. Each layer whose weights are sbytes and whose inputs span at
    /// most 256 values (the declared range for the first, the proven activation range after it) runs
    /// on 8-bit kernels, the others on 16-bit ones; the instruction set is the fastest this processor
    /// supports.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The network cannot run exactly on 16-bit kernels (the message says why).</exception>
    public static PackedTargetNetwork Create(TargetNetwork network) => Create(network, default);

    /// <summary>The kernel each layer runs on, in order (for tests and benchmarks).</summary>
    internal PackedKernel[] Kernels => _layers.Select(l => l.Kernel).ToArray();

    /// <summary>Packs with forced options, so tests reach every kernel and benchmarks compare them.</summary>
    internal static PackedTargetNetwork Create(TargetNetwork network, PackedOptions options)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        if (OverflowAnalysis.Int16Obstacle(network) is { } obstacle)
        {
            throw new ArgumentException("The network cannot run exactly on 16-bit kernels: " + obstacle + " for inputs in [" + network.InputMin + ", " + network.InputMax + "].", nameof(network));
        }

        return new PackedTargetNetwork(network, options);
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
        int bytes = count * _inputBytes, ints = count * _hiddenStride;
        byte[]? rentedBytes = null;
        int[]? rentedInts = null;
        Span<byte> x = bytes <= StackBytes ? stackalloc byte[bytes] : (rentedBytes = ArrayPool<byte>.Shared.Rent(bytes));
        Span<int> y = ints <= StackBytes / 4 ? stackalloc int[ints] : (rentedInts = ArrayPool<int>.Shared.Rent(ints));
        try
        {
            var first = _layers[0];
            for (int s = 0; s < count; s++)
            {
                first.Load(inputs.Slice(s * InputCount, InputCount), x.Slice(s * first.InputBytes, first.InputBytes));
            }

            for (int i = 0; i < _layers.Length; i++)
            {
                var layer = _layers[i];
                layer.Run(x, y, count);
                if (i + 1 < _layers.Length)
                {
                    var next = _layers[i + 1];
                    for (int s = 0; s < count; s++)
                    {
                        next.Load(y.Slice(s * layer.OutputStride, next.Inputs), x.Slice(s * next.InputBytes, next.InputBytes));
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
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }

            if (rentedInts is not null)
            {
                ArrayPool<int>.Shared.Return(rentedInts);
            }
        }
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
