using System;
using Microsoft.ML.OnnxRuntime;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// One ONNX Runtime session (CPU execution provider) over the float32 model of a target network,
/// with the conversions between the generated code's integers (units of γ) and the model's real units.
/// </summary>
public sealed class OnnxTarget : IDisposable
{
    private static readonly string[] InputNames = { OnnxModel.InputName };
    private static readonly string[] OutputNames = { OnnxModel.OutputName };

    private readonly SessionOptions _options;
    private readonly RunOptions _runOptions = new();

    /// <summary>
    /// Builds the model and a session on one thread: <c>IntraOpNumThreads = 1</c>,
    /// <c>InterOpNumThreads = 1</c>, sequential execution, all graph optimizations.
    /// </summary>
    /// <param name="target">The network to model.</param>
    public OnnxTarget(TargetNetwork target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Gamma = MathF.Pow(2, -target.Activation.Bits);
        Model = OnnxModel.FromTarget(target);
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        Session = new InferenceSession(Model, _options);
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] Model { get; }

    /// <summary>The session.</summary>
    public InferenceSession Session { get; }

    /// <summary>γ = 2^-ActivationBits as a float: integer inputs times this are the model's real inputs.</summary>
    public float Gamma { get; }

    /// <summary>The model's real inputs (pixel·γ) for sample-major integer pixels.</summary>
    /// <param name="pixels">Integer inputs in units of γ.</param>
    public float[] ToReal(ReadOnlySpan<int> pixels)
    {
        var result = new float[pixels.Length];
        float gamma = Gamma;
        for (int i = 0; i < pixels.Length; i++)
        {
            result[i] = pixels[i] * gamma;
        }

        return result;
    }

    /// <summary>A tensor [rows, width] over <paramref name="memory"/> (pinned for the value's lifetime, no copy).</summary>
    /// <param name="memory">rows·width floats.</param>
    /// <param name="rows">The batch size.</param>
    /// <param name="width">Features per row.</param>
    public static OrtValue Tensor(Memory<float> memory, int rows, int width) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, new long[] { rows, width });

    /// <summary>Runs the model into a pre-allocated output tensor: no allocation of outputs per call.</summary>
    /// <param name="input">x, [rows, d_0].</param>
    /// <param name="output">y, [rows, d_ℓ].</param>
    public void Run(OrtValue[] input, OrtValue[] output) => Session.Run(_runOptions, InputNames, input, OutputNames, output);

    /// <inheritdoc/>
    public void Dispose()
    {
        Session.Dispose();
        _runOptions.Dispose();
        _options.Dispose();
    }
}
