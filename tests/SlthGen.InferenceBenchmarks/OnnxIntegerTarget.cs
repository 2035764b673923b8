using System;
using Microsoft.ML.OnnxRuntime;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// One ONNX Runtime session (CPU execution provider, one thread, as <see cref="OnnxTarget"/>) over
/// the integer model of a target network (<see cref="OnnxIntegerModel"/>): uint8 inputs x − InputMin,
/// int32 outputs in units of γ, compared with the generated code's integers directly.
/// </summary>
public sealed class OnnxIntegerTarget : IDisposable
{
    private static readonly string[] InputNames = { OnnxModel.InputName };
    private static readonly string[] OutputNames = { OnnxModel.OutputName };

    private readonly SessionOptions _options;
    private readonly RunOptions _runOptions = new();
    private readonly int _inputMin;

    /// <summary>Builds the model and a one-thread session with all graph optimizations.</summary>
    /// <param name="target">The network to model.</param>
    /// <param name="profilePrefix">If set, ONNX Runtime writes a profile (which kernel ran each node) with this file prefix.</param>
    public OnnxIntegerTarget(TargetNetwork target, string? profilePrefix = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        _inputMin = checked((int)target.InputMin);
        Model = OnnxIntegerModel.FromTarget(target);
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (profilePrefix is not null)
        {
            // The prefix first: setting EnableProfiling hands ONNX Runtime the prefix current at that moment.
            _options.ProfileOutputPathPrefix = profilePrefix;
            _options.EnableProfiling = true;
        }

        Session = new InferenceSession(Model, _options);
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] Model { get; }

    /// <summary>The session.</summary>
    public InferenceSession Session { get; }

    /// <summary>The model's inputs: x − InputMin as bytes (the inputs must be in the declared range).</summary>
    /// <param name="inputs">Integer inputs in units of γ.</param>
    public byte[] ToBytes(ReadOnlySpan<int> inputs)
    {
        var result = new byte[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            result[i] = checked((byte)(inputs[i] - _inputMin));
        }

        return result;
    }

    /// <summary>A uint8 tensor [rows, width] over <paramref name="memory"/> (pinned, no copy).</summary>
    /// <param name="memory">rows·width bytes.</param>
    /// <param name="rows">The batch size.</param>
    /// <param name="width">Features per row.</param>
    public static OrtValue Tensor(Memory<byte> memory, int rows, int width) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, new long[] { rows, width });

    /// <summary>An int32 tensor [rows, width] over <paramref name="memory"/> (pinned, no copy).</summary>
    /// <param name="memory">rows·width ints.</param>
    /// <param name="rows">The batch size.</param>
    /// <param name="width">Values per row.</param>
    public static OrtValue Tensor(Memory<int> memory, int rows, int width) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, new long[] { rows, width });

    /// <summary>Runs the model into a pre-allocated output tensor.</summary>
    /// <param name="input">x, uint8 [rows, d_0].</param>
    /// <param name="output">y, int32 [rows, d_ℓ].</param>
    public void Run(OrtValue[] input, OrtValue[] output) => Session.Run(_runOptions, InputNames, input, OutputNames, output);

    /// <summary>Ends profiling (if enabled) and returns the profile's file name.</summary>
    public string EndProfiling() => Session.EndProfiling();

    /// <inheritdoc/>
    public void Dispose()
    {
        Session.Dispose();
        _runOptions.Dispose();
        _options.Dispose();
    }
}
