using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// Inference on one generated network: ONNX Runtime (CPU EP, one thread) on a float32 model of the
/// same target as the baseline (<see cref="OnnxRuntime"/>) and on an integer model
/// (<see cref="OnnxRuntimeInteger"/>), against the generated reference
/// (EvaluateReference, EvaluateReferenceBatch) and the generated ticket (Evaluate,
/// EvaluateUnchecked, EvaluateBatch).
/// </summary>
/// <remarks>
/// Every invocation evaluates <see cref="Samples"/> samples in calls of <see cref="Batch"/> samples,
/// and reports time per sample (OperationsPerInvoke), so Mean is the time per sample and Ratio is
/// that time relative to ONNX Runtime at the same batch size. The per-sample entry points
/// (EvaluateReference, Evaluate, EvaluateUnchecked) take one sample per call whatever
/// <see cref="Batch"/> is; they run in both groups so each group has its own baseline. Inputs are
/// prepared once (integers for the generated code, real-unit floats for ONNX Runtime), outside the
/// timing; ONNX Runtime's input and output tensors are created once over those buffers and reused.
/// </remarks>
[Config(typeof(InferenceConfig))]
[MemoryDiagnoser]
public abstract class InferenceBenchmarks
{
    /// <summary>Samples per invocation.</summary>
    public const int Samples = 1024;

    private int[] _inputs = Array.Empty<int>();
    private int[] _outputs = Array.Empty<int>();
    private float[] _x = Array.Empty<float>();
    private float[] _y = Array.Empty<float>();
    private OnnxTarget? _onnx;
    private OrtValue[][] _onnxInputs = Array.Empty<OrtValue[]>();
    private OrtValue[][] _onnxOutputs = Array.Empty<OrtValue[]>();
    private OnnxIntegerTarget? _integer;
    private OrtValue[][] _integerInputs = Array.Empty<OrtValue[]>();
    private OrtValue[][] _integerOutputs = Array.Empty<OrtValue[]>();

    /// <summary>Samples per call: 1 (latency-bound) or 1,024 (throughput-bound).</summary>
    [Params(1, 1024)]
    public int Batch { get; set; }

    /// <summary>The network under benchmark.</summary>
    public abstract BenchmarkNetwork Network { get; }

    private int In => Network.InputCount;

    private int Out => Network.OutputCount;

    /// <summary>
    /// Prepares the inputs, the session and the reusable tensors, and checks that every method gives
    /// exactly EvaluateReference's outputs.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        _inputs = Network.Inputs(Samples);
        _outputs = new int[Samples * Out];
        _onnx = new OnnxTarget(Network.Target);
        _x = _onnx.ToReal(_inputs);
        _y = new float[Samples * Out];
        int calls = Samples / Batch;
        _onnxInputs = new OrtValue[calls][];
        _onnxOutputs = new OrtValue[calls][];
        for (int c = 0; c < calls; c++)
        {
            _onnxInputs[c] = new[] { OnnxTarget.Tensor(_x.AsMemory(c * Batch * In, Batch * In), Batch, In) };
            _onnxOutputs[c] = new[] { OnnxTarget.Tensor(_y.AsMemory(c * Batch * Out, Batch * Out), Batch, Out) };
        }

        _integer = new OnnxIntegerTarget(Network.Target);
        byte[] bytes = _integer.ToBytes(_inputs);
        _integerInputs = new OrtValue[calls][];
        _integerOutputs = new OrtValue[calls][];
        for (int c = 0; c < calls; c++)
        {
            _integerInputs[c] = new[] { OnnxIntegerTarget.Tensor(bytes.AsMemory(c * Batch * In, Batch * In), Batch, In) };
            _integerOutputs[c] = new[] { OnnxIntegerTarget.Tensor(_outputs.AsMemory(c * Batch * Out, Batch * Out), Batch, Out) };
        }

        var expected = new int[Samples * Out];
        Reference();
        _outputs.CopyTo(expected, 0);
        Check(nameof(OnnxRuntime), () => OnnxRuntime(), expected, fromOnnx: true);
        Check(nameof(OnnxRuntimeInteger), () => OnnxRuntimeInteger(), expected, fromOnnx: false);
        Check(nameof(ReferenceBatch), () => ReferenceBatch(), expected, fromOnnx: false);
        Check(nameof(TicketEvaluate), () => TicketEvaluate(), expected, fromOnnx: false);
        Check(nameof(TicketUnchecked), () => TicketUnchecked(), expected, fromOnnx: false);
        Check(nameof(TicketBatch), () => TicketBatch(), expected, fromOnnx: false);
    }

    /// <summary>Disposes the tensors and the session.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var values in _onnxInputs)
        {
            values[0].Dispose();
        }

        foreach (var values in _onnxOutputs)
        {
            values[0].Dispose();
        }

        foreach (var values in _integerInputs.Concat(_integerOutputs))
        {
            values[0].Dispose();
        }

        _onnx?.Dispose();
        _integer?.Dispose();
    }

    /// <summary>ONNX Runtime, CPU EP, IntraOpNumThreads = 1: <see cref="Samples"/>/<see cref="Batch"/> runs of <see cref="Batch"/> samples.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public float OnnxRuntime()
    {
        var onnx = _onnx!;
        for (int c = 0; c < _onnxInputs.Length; c++)
        {
            onnx.Run(_onnxInputs[c], _onnxOutputs[c]);
        }

        return _y[0];
    }

    /// <summary>
    /// ONNX Runtime on the integer model (<see cref="OnnxIntegerModel"/>: MatMulInteger u8×s8 with an
    /// int32 epilogue), CPU EP, one thread, <see cref="Batch"/> samples per run.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int OnnxRuntimeInteger()
    {
        var onnx = _integer!;
        for (int c = 0; c < _integerInputs.Length; c++)
        {
            onnx.Run(_integerInputs[c], _integerOutputs[c]);
        }

        return _outputs[0];
    }

    /// <summary>The generated reference (EvaluateReference), one sample per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int Reference() => PerSample(Network.EvaluateReference);

    /// <summary>The generated reference over <see cref="Batch"/> samples per call (EvaluateReferenceBatch).</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int ReferenceBatch() => Batched(Network.EvaluateReferenceBatch);

    /// <summary>The generated ticket, checked (Evaluate), one sample per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int TicketEvaluate() => PerSample(Network.Evaluate);

    /// <summary>The generated ticket without argument checks (EvaluateUnchecked), one sample per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int TicketUnchecked() => PerSample(Network.EvaluateUnchecked);

    /// <summary>The generated SIMD batch kernel (EvaluateBatch), <see cref="Batch"/> samples per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int TicketBatch() => Batched(Network.EvaluateBatch);

    /// <summary>The parameters a method's cost is divided by: the ticket's kept weights, or the target's weights.</summary>
    /// <param name="method">A benchmark method's name.</param>
    public long ParametersOf(string method) => method.StartsWith("Ticket", StringComparison.Ordinal)
        ? Network.Ticket.KeptParameters
        : Network.Ticket.TargetParameters;

    private int PerSample(NetworkEvaluator evaluate)
    {
        ReadOnlySpan<int> x = _inputs;
        Span<int> y = _outputs;
        int d = In, o = Out;
        for (int s = 0; s < Samples; s++)
        {
            evaluate(x.Slice(s * d, d), y.Slice(s * o, o));
        }

        return y[0];
    }

    private int Batched(NetworkEvaluator evaluate)
    {
        ReadOnlySpan<int> x = _inputs;
        Span<int> y = _outputs;
        int d = In, o = Out, batch = Batch;
        for (int s = 0; s < Samples; s += batch)
        {
            evaluate(x.Slice(s * d, batch * d), y.Slice(s * o, batch * o));
        }

        return y[0];
    }

    private void Check(string name, Action run, int[] expected, bool fromOnnx)
    {
        Array.Clear(_outputs);
        Array.Clear(_y);
        run();
        float scale = 1 / _onnx!.Gamma;
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = fromOnnx ? (double)_y[i] * scale : _outputs[i];
            if (actual != expected[i])
            {
                throw new InvalidOperationException(FormattableString.Invariant($"{Network.Name}, {name} (batch {Batch}): output {i} of {expected.Length} is {actual}, but EvaluateReference gives {expected[i]}."));
            }
        }
    }
}

/// <summary>The 64-32-10 digits network (Samples/Digits.Ticket) on its test images.</summary>
public class DigitsInferenceBenchmarks : InferenceBenchmarks
{
    /// <inheritdoc/>
    public override BenchmarkNetwork Network => BenchmarkNetwork.Digits;
}

/// <summary>The 784-500-10 network with random 4-bit weights (tests/SlthGen.LargeTicket) on seeded random inputs.</summary>
public class LargeInferenceBenchmarks : InferenceBenchmarks
{
    /// <inheritdoc/>
    public override BenchmarkNetwork Network => BenchmarkNetwork.Large;
}
