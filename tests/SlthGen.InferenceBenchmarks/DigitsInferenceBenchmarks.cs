using System;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using SlthGen.Samples.DigitsTicket;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// Inference on the 64-32-10 digits network: ONNX Runtime (CPU EP, one thread) on a float32 model
/// of the same target as the baseline (<see cref="OnnxRuntime"/>), against the generated reference
/// (<see cref="DigitsTicket.EvaluateReference"/>) and the generated ticket (<see cref="DigitsTicket.Evaluate"/>,
/// <see cref="DigitsTicket.EvaluateUnchecked"/>, <see cref="DigitsTicket.EvaluateBatch"/>).
/// </summary>
/// <remarks>
/// Every invocation evaluates <see cref="Samples"/> images (the 450 test images, cycled) in calls of
/// <see cref="Batch"/> images, and reports time per image (OperationsPerInvoke), so Mean is the time
/// per sample and Ratio is that time relative to ONNX Runtime in the same batch size. The
/// per-sample entry points (EvaluateReference, Evaluate, EvaluateUnchecked) take one image per call
/// whatever <see cref="Batch"/> is; they run in both groups so each group has its own baseline.
/// Inputs are prepared once (integers for the generated code, real-unit floats for ONNX Runtime),
/// outside the timing; ONNX Runtime's input and output tensors are created once over those
/// buffers and reused by every run.
/// </remarks>
[Config(typeof(InferenceConfig))]
[MemoryDiagnoser]
public class DigitsInferenceBenchmarks
{
    /// <summary>Images per invocation.</summary>
    public const int Samples = 1024;

    private const int In = DigitsTicket.InputCount;
    private const int Out = DigitsTicket.OutputCount;

    private int[] _pixels = Array.Empty<int>();
    private int[] _outputs = Array.Empty<int>();
    private float[] _x = Array.Empty<float>();
    private float[] _y = Array.Empty<float>();
    private OnnxTarget? _onnx;
    private OrtValue[][] _onnxInputs = Array.Empty<OrtValue[]>();
    private OrtValue[][] _onnxOutputs = Array.Empty<OrtValue[]>();

    /// <summary>Images per call: 1 (latency-bound) or 1,024 (throughput-bound).</summary>
    [Params(1, 1024)]
    public int Batch { get; set; }

    /// <summary>
    /// Loads the images, creates the session and the reusable tensors, and checks that every method
    /// gives exactly <see cref="DigitsTicket.EvaluateReference"/>'s outputs.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = DigitsTestSet.Load();
        _pixels = data.CycledPixels(Samples);
        _outputs = new int[Samples * Out];
        _x = OnnxTarget.ToReal(_pixels);
        _y = new float[Samples * Out];
        _onnx = new OnnxTarget();
        int calls = Samples / Batch;
        _onnxInputs = new OrtValue[calls][];
        _onnxOutputs = new OrtValue[calls][];
        for (int c = 0; c < calls; c++)
        {
            _onnxInputs[c] = new[] { OnnxTarget.Tensor(_x.AsMemory(c * Batch * In, Batch * In), Batch, In) };
            _onnxOutputs[c] = new[] { OnnxTarget.Tensor(_y.AsMemory(c * Batch * Out, Batch * Out), Batch, Out) };
        }

        var expected = new int[Samples * Out];
        Reference();
        _outputs.CopyTo(expected, 0);
        Check(nameof(OnnxRuntime), () => OnnxRuntime(), expected, fromOnnx: true);
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

        _onnx?.Dispose();
    }

    /// <summary>ONNX Runtime, CPU EP, IntraOpNumThreads = 1: <see cref="Samples"/>/<see cref="Batch"/> runs of <see cref="Batch"/> images.</summary>
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

    /// <summary>The generated reference (the target, 64-bit sums), one image per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int Reference()
    {
        ReadOnlySpan<int> x = _pixels;
        Span<int> y = _outputs;
        for (int s = 0; s < Samples; s++)
        {
            DigitsTicket.EvaluateReference(x.Slice(s * In, In), y.Slice(s * Out, Out));
        }

        return y[0];
    }

    /// <summary>The generated ticket, checked (<see cref="DigitsTicket.Evaluate"/>), one image per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int TicketEvaluate()
    {
        ReadOnlySpan<int> x = _pixels;
        Span<int> y = _outputs;
        for (int s = 0; s < Samples; s++)
        {
            DigitsTicket.Evaluate(x.Slice(s * In, In), y.Slice(s * Out, Out));
        }

        return y[0];
    }

    /// <summary>The generated ticket without argument checks (<see cref="DigitsTicket.EvaluateUnchecked"/>), one image per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int TicketUnchecked()
    {
        ReadOnlySpan<int> x = _pixels;
        Span<int> y = _outputs;
        for (int s = 0; s < Samples; s++)
        {
            DigitsTicket.EvaluateUnchecked(x.Slice(s * In, In), y.Slice(s * Out, Out));
        }

        return y[0];
    }

    /// <summary>The generated SIMD batch kernel (<see cref="DigitsTicket.EvaluateBatch"/>), <see cref="Batch"/> images per call.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int TicketBatch()
    {
        ReadOnlySpan<int> x = _pixels;
        Span<int> y = _outputs;
        for (int s = 0; s < Samples; s += Batch)
        {
            DigitsTicket.EvaluateBatch(x.Slice(s * In, Batch * In), y.Slice(s * Out, Batch * Out));
        }

        return y[0];
    }

    /// <summary>The parameters a method's cost is divided by: the ticket's kept weights, or the target's weights.</summary>
    /// <param name="method">A benchmark method's name.</param>
    public static long ParametersOf(string method) => method.StartsWith("Ticket", StringComparison.Ordinal)
        ? DigitsTicket.Ticket.KeptParameters
        : DigitsTicket.Ticket.TargetParameters;

    private void Check(string name, Action run, int[] expected, bool fromOnnx)
    {
        Array.Clear(_outputs);
        Array.Clear(_y);
        run();
        float scale = 1 / OnnxTarget.Gamma;
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = fromOnnx ? (double)_y[i] * scale : _outputs[i];
            if (actual != expected[i])
            {
                throw new InvalidOperationException(FormattableString.Invariant($"{name} (batch {Batch}): output {i} of {expected.Length} is {actual}, but EvaluateReference gives {expected[i]}."));
            }
        }
    }
}
