using System;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// A float (double) two-layer perceptron: logits = W2·ReLU(W1·x + b1) + b2, weights row-major
/// [output][input]. Its input is x = pixel/16 ∈ [0, 1]; <see cref="Predict"/> takes pixel values.
/// </summary>
public sealed class MlpModel
{
    internal readonly double[] W1Values;
    internal readonly double[] B1Values;
    internal readonly double[] W2Values;
    internal readonly double[] B2Values;

    /// <summary>Creates a model from its parameters (copied).</summary>
    /// <param name="inputCount">The number of inputs (64 for the digits, 784 for MNIST).</param>
    /// <param name="hiddenCount">The number of hidden ReLU units.</param>
    /// <param name="outputCount">The number of outputs (classes).</param>
    /// <param name="w1">W1, hidden × inputs, row-major.</param>
    /// <param name="b1">b1, one per hidden unit.</param>
    /// <param name="w2">W2, outputs × hidden, row-major.</param>
    /// <param name="b2">b2, one per output.</param>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public MlpModel(int inputCount, int hiddenCount, int outputCount, ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        Check(w1.Length, hiddenCount * inputCount, nameof(w1));
        Check(b1.Length, hiddenCount, nameof(b1));
        Check(w2.Length, outputCount * hiddenCount, nameof(w2));
        Check(b2.Length, outputCount, nameof(b2));
        InputCount = inputCount;
        HiddenCount = hiddenCount;
        OutputCount = outputCount;
        W1Values = w1.ToArray();
        B1Values = b1.ToArray();
        W2Values = w2.ToArray();
        B2Values = b2.ToArray();
    }

    /// <summary>The number of inputs.</summary>
    public int InputCount { get; }

    /// <summary>The number of hidden units.</summary>
    public int HiddenCount { get; }

    /// <summary>The number of outputs.</summary>
    public int OutputCount { get; }

    /// <summary>W1, <see cref="HiddenCount"/> × <see cref="InputCount"/>, row-major.</summary>
    public ReadOnlySpan<double> W1 => W1Values;

    /// <summary>b1.</summary>
    public ReadOnlySpan<double> B1 => B1Values;

    /// <summary>W2, <see cref="OutputCount"/> × <see cref="HiddenCount"/>, row-major.</summary>
    public ReadOnlySpan<double> W2 => W2Values;

    /// <summary>b2.</summary>
    public ReadOnlySpan<double> B2 => B2Values;

    /// <summary>The forward pass on inputs <paramref name="x"/> (values, not pixels), writing the hidden activations and the logits.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Forward(ReadOnlySpan<double> x, Span<double> hidden, Span<double> logits)
    {
        Check(x.Length, InputCount, nameof(x));
        Check(hidden.Length, HiddenCount, nameof(hidden));
        Check(logits.Length, OutputCount, nameof(logits));
        // Zero inputs (most of an MNIST image) add nothing: sum over the others only, in order.
        var nonZero = new int[InputCount];
        int count = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] != 0)
            {
                nonZero[count++] = i;
            }
        }

        for (int j = 0; j < HiddenCount; j++)
        {
            double sum = B1Values[j];
            var row = W1Values.AsSpan(j * InputCount, InputCount);
            for (int n = 0; n < count; n++)
            {
                sum += row[nonZero[n]] * x[nonZero[n]];
            }

            hidden[j] = sum > 0 ? sum : 0;
        }

        for (int k = 0; k < OutputCount; k++)
        {
            double sum = B2Values[k];
            var row = W2Values.AsSpan(k * HiddenCount, HiddenCount);
            for (int j = 0; j < row.Length; j++)
            {
                sum += row[j] * hidden[j];
            }

            logits[k] = sum;
        }
    }

    /// <summary>The logits for one image given as pixel values 0..16 (input x = pixel/16).</summary>
    public double[] Logits(ReadOnlySpan<byte> pixels)
    {
        Check(pixels.Length, InputCount, nameof(pixels));
        var x = new double[InputCount];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = pixels[i] / (double)DigitsData.MaxPixel;
        }

        var logits = new double[OutputCount];
        Forward(x, new double[HiddenCount], logits);
        return logits;
    }

    /// <summary>The predicted class of one image given as pixel values (the first largest logit).</summary>
    public int Predict(ReadOnlySpan<byte> pixels) => Evaluation.Argmax<double>(Logits(pixels));

    private static void Check(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException($"Expected {expected} elements, not {length}.", name);
        }
    }
}
