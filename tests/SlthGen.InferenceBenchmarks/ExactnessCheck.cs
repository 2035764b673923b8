using System;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using SlthGen.Samples.DigitsTicket;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// The startup check: ONNX Runtime's outputs ×2^ActivationBits equal <see cref="DigitsTicket.EvaluateReference"/>
/// exactly on every test image (the whole set as one batch and image by image), and so do the
/// generated ticket's entry points, so every benchmark computes the same function.
/// </summary>
public static class ExactnessCheck
{
    /// <summary>Runs the check; returns null if everything matches, else the first mismatch.</summary>
    /// <param name="data">The test images.</param>
    /// <param name="onnx">The ONNX Runtime session.</param>
    public static string? Run(DigitsTestSet data, OnnxTarget onnx)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(onnx);
        int n = data.Count;
        int d = DigitsTicket.InputCount;
        int o = DigitsTicket.OutputCount;
        float scale = 1 / OnnxTarget.Gamma;

        var reference = new int[n * o];
        for (int s = 0; s < n; s++)
        {
            DigitsTicket.EvaluateReference(data.Pixels.AsSpan(s * d, d), reference.AsSpan(s * o, o));
        }

        // ONNX Runtime, all images in one batch.
        float[] x = OnnxTarget.ToReal(data.Pixels);
        var y = new float[n * o];
        using (var input = OnnxTarget.Tensor(x, n, d))
        using (var output = OnnxTarget.Tensor(y, n, o))
        {
            onnx.Run(new[] { input }, new[] { output });
        }

        string? failure = Compare("ONNX Runtime (batch " + n.ToString(CultureInfo.InvariantCulture) + ")", y, scale, reference, o);
        if (failure is not null)
        {
            return failure;
        }

        // ONNX Runtime, image by image (batch 1), as the batch-1 benchmark runs it.
        Array.Clear(y);
        for (int s = 0; s < n; s++)
        {
            using var input = OnnxTarget.Tensor(x.AsMemory(s * d, d), 1, d);
            using var output = OnnxTarget.Tensor(y.AsMemory(s * o, o), 1, o);
            onnx.Run(new[] { input }, new[] { output });
        }

        failure = Compare("ONNX Runtime (batch 1)", y, scale, reference, o);
        if (failure is not null)
        {
            return failure;
        }

        // The generated ticket's entry points.
        var ticket = new int[n * o];
        foreach (var (name, evaluate) in new (string, Action<int>)[]
        {
            ("Evaluate", s => DigitsTicket.Evaluate(data.Pixels.AsSpan(s * d, d), ticket.AsSpan(s * o, o))),
            ("EvaluateUnchecked", s => DigitsTicket.EvaluateUnchecked(data.Pixels.AsSpan(s * d, d), ticket.AsSpan(s * o, o))),
        })
        {
            Array.Clear(ticket);
            for (int s = 0; s < n; s++)
            {
                evaluate(s);
            }

            failure = Compare(name, ticket, reference, o);
            if (failure is not null)
            {
                return failure;
            }
        }

        Array.Clear(ticket);
        DigitsTicket.EvaluateBatch(data.Pixels, ticket);
        return Compare("EvaluateBatch", ticket, reference, o);
    }

    private static string? Compare(string what, float[] real, float scale, int[] reference, int width)
    {
        for (int i = 0; i < reference.Length; i++)
        {
            double value = (double)real[i] * scale;
            if (value != reference[i])
            {
                return string.Create(CultureInfo.InvariantCulture, $"{what}: image {i / width}, output {i % width}: {real[i]:R} × {scale} = {value:R}, but EvaluateReference gives {reference[i]}.");
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
                return string.Create(CultureInfo.InvariantCulture, $"{what}: image {i / width}, output {i % width}: {actual[i]}, but EvaluateReference gives {reference[i]}.");
            }
        }

        return null;
    }

    /// <summary>Accuracy of the reference's predictions (largest score, ties to the smaller digit) against the labels.</summary>
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
}
