using System;
using System.Globalization;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using SlthGen.Samples.DigitsTicket;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// The startup check, per network: EvaluateReference equals the interpreted target (the runtime's
/// TargetNetwork), ONNX Runtime's outputs ×2^ActivationBits equal it exactly (all samples as one
/// batch and one by one), and so do the ticket's entry points and both batch entry points, so every
/// benchmark computes the same function.
/// </summary>
public static class ExactnessCheck
{
    /// <summary>Runs the check; returns null if everything matches, else the first mismatch.</summary>
    /// <param name="network">The generated network.</param>
    /// <param name="inputs">Samples, sample-major, in units of γ.</param>
    /// <param name="onnx">The ONNX Runtime session over the network's target.</param>
    public static string? Run(BenchmarkNetwork network, int[] inputs, OnnxTarget onnx)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(onnx);
        int d = network.InputCount, o = network.OutputCount, n = inputs.Length / d;
        float scale = 1 / onnx.Gamma;

        var reference = new int[n * o];
        for (int s = 0; s < n; s++)
        {
            network.EvaluateReference(inputs.AsSpan(s * d, d), reference.AsSpan(s * o, o));
            long[] interpreted = network.Target.Evaluate(inputs.Skip(s * d).Take(d).Select(v => (long)v).ToArray());
            for (int k = 0; k < o; k++)
            {
                if (interpreted[k] != reference[(s * o) + k])
                {
                    return Invariant($"{network.Name}: sample {s}, output {k}: EvaluateReference gives {reference[(s * o) + k]}, the interpreted target {interpreted[k]}.");
                }
            }
        }

        // ONNX Runtime, all samples in one batch.
        float[] x = onnx.ToReal(inputs);
        var y = new float[n * o];
        using (var input = OnnxTarget.Tensor(x, n, d))
        using (var output = OnnxTarget.Tensor(y, n, o))
        {
            onnx.Run(new[] { input }, new[] { output });
        }

        string? failure = Compare(network.Name + ", ONNX Runtime (batch " + n.ToString(CultureInfo.InvariantCulture) + ")", y, scale, reference, o);
        if (failure is not null)
        {
            return failure;
        }

        // ONNX Runtime, sample by sample (batch 1), as the batch-1 benchmark runs it.
        Array.Clear(y);
        for (int s = 0; s < n; s++)
        {
            using var input = OnnxTarget.Tensor(x.AsMemory(s * d, d), 1, d);
            using var output = OnnxTarget.Tensor(y.AsMemory(s * o, o), 1, o);
            onnx.Run(new[] { input }, new[] { output });
        }

        failure = Compare(network.Name + ", ONNX Runtime (batch 1)", y, scale, reference, o);
        if (failure is not null)
        {
            return failure;
        }

        var actual = new int[n * o];
        foreach (var (name, evaluate) in new (string, NetworkEvaluator)[] { ("Evaluate", network.Evaluate), ("EvaluateUnchecked", network.EvaluateUnchecked) })
        {
            Array.Clear(actual);
            for (int s = 0; s < n; s++)
            {
                evaluate(inputs.AsSpan(s * d, d), actual.AsSpan(s * o, o));
            }

            failure = Compare(network.Name + ", " + name, actual, reference, o);
            if (failure is not null)
            {
                return failure;
            }
        }

        foreach (var (name, evaluate) in new (string, NetworkEvaluator)[] { ("EvaluateBatch", network.EvaluateBatch), ("EvaluateReferenceBatch", network.EvaluateReferenceBatch) })
        {
            Array.Clear(actual);
            evaluate(inputs, actual);
            failure = Compare(network.Name + ", " + name, actual, reference, o);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>
    /// The integer ONNX model's outputs equal EvaluateReference's exactly, with all samples as one
    /// batch and sample by sample; returns null if they do, else the first mismatch.
    /// </summary>
    /// <param name="network">The generated network.</param>
    /// <param name="inputs">Samples, sample-major, in units of γ.</param>
    /// <param name="onnx">The ONNX Runtime session over the network's integer model.</param>
    public static string? RunInteger(BenchmarkNetwork network, int[] inputs, OnnxIntegerTarget onnx)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(onnx);
        int d = network.InputCount, o = network.OutputCount, n = inputs.Length / d;
        var reference = new int[n * o];
        for (int s = 0; s < n; s++)
        {
            network.EvaluateReference(inputs.AsSpan(s * d, d), reference.AsSpan(s * o, o));
        }

        byte[] x = onnx.ToBytes(inputs);
        var y = new int[n * o];
        using (var input = OnnxIntegerTarget.Tensor(x, n, d))
        using (var output = OnnxIntegerTarget.Tensor(y, n, o))
        {
            onnx.Run(new[] { input }, new[] { output });
        }

        string? failure = Compare(network.Name + ", ONNX Runtime integer model (batch " + n.ToString(CultureInfo.InvariantCulture) + ")", y, reference, o);
        if (failure is not null)
        {
            return failure;
        }

        Array.Clear(y);
        for (int s = 0; s < n; s++)
        {
            using var input = OnnxIntegerTarget.Tensor(x.AsMemory(s * d, d), 1, d);
            using var output = OnnxIntegerTarget.Tensor(y.AsMemory(s * o, o), 1, o);
            onnx.Run(new[] { input }, new[] { output });
        }

        return Compare(network.Name + ", ONNX Runtime integer model (batch 1)", y, reference, o);
    }

    /// <summary>Accuracy of the digits reference's predictions (largest score, ties to the smaller digit) against the labels.</summary>
    /// <param name="data">The test images.</param>
    public static int CorrectPredictions(DigitsTestSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = DigitsTicket.InputCount;
        int correct = 0;
        for (int s = 0; s < data.Count; s++)
        {
            if (DigitsTicket.Predict(data.Pixels.AsSpan(s * d, d)) == data.Labels[s])
            {
                correct++;
            }
        }

        return correct;
    }

    /// <summary>The ONNX Runtime version loaded.</summary>
    public static string OrtVersion => OrtEnv.Instance().GetVersionString();

    private static string? Compare(string what, float[] real, float scale, int[] reference, int width)
    {
        for (int i = 0; i < reference.Length; i++)
        {
            double value = (double)real[i] * scale;
            if (value != reference[i])
            {
                return Invariant($"{what}: sample {i / width}, output {i % width}: {real[i]:R} × {scale} = {value:R}, but EvaluateReference gives {reference[i]}.");
            }
        }

        return null;
    }

    private static string? Compare(string what, int[] actual, int[] reference, int width)
    {
        for (int i = 0; i < reference.Length; i++)
        {
            if (actual[i] != reference[i])
            {
                return Invariant($"{what}: sample {i / width}, output {i % width}: {actual[i]}, but EvaluateReference gives {reference[i]}.");
            }
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
