using System;
using System.Globalization;
using System.Numerics;

namespace SlthGen.Samples.Digits.Training;

/// <summary>Correct predictions out of a total.</summary>
/// <param name="Correct">The number of images classified correctly.</param>
/// <param name="Total">The number of images.</param>
public readonly record struct Accuracy(int Correct, int Total)
{
    /// <summary>Correct / Total (0 for an empty set).</summary>
    public double Fraction => Total == 0 ? 0 : Correct / (double)Total;

    /// <summary>For example <c>97.33% (438/450)</c>, invariant culture.</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0:0.00}% ({1}/{2})", 100.0 * Fraction, Correct, Total);
}

/// <summary>Accuracy of float models, quantised targets and generated tickets on a <see cref="DigitsSet"/>.</summary>
public static class Evaluation
{
    /// <summary>The index of the first largest element (ties go to the lower class, as NumPy's argmax).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int Argmax<T>(ReadOnlySpan<T> values)
        where T : INumber<T>
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The float model's accuracy (inputs pixel/16).</summary>
    public static Accuracy Of(MlpModel model, DigitsSet set)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        int correct = 0;
        for (int n = 0; n < set.Count; n++)
        {
            correct += model.Predict(set.Image(n)) == set.Label(n) ? 1 : 0;
        }

        return new Accuracy(correct, set.Count);
    }

    /// <summary>The quantised target's accuracy (integer evaluation, argmax of the floored outputs).</summary>
    public static Accuracy Of(QuantizedMlp network, DigitsSet set)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Of(network.Evaluate, set);
    }

    /// <summary>
    /// The accuracy of any integer network with one input per pixel in units of γ = 2^-4 (the pixel values)
    /// and 10 outputs, e.g. a generated ticket's <c>Evaluate</c> or <c>EvaluateReference</c>.
    /// </summary>
    public static Accuracy Of(NetworkEvaluator evaluate, DigitsSet set)
    {
        var predictions = Predict(evaluate, set);
        int correct = 0;
        for (int n = 0; n < set.Count; n++)
        {
            correct += predictions[n] == set.Label(n) ? 1 : 0;
        }

        return new Accuracy(correct, set.Count);
    }

    /// <summary>The class each image gets from an integer network (argmax of its 10 outputs).</summary>
    public static int[] Predict(NetworkEvaluator evaluate, DigitsSet set)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(set);
        var input = new int[set.PixelCount];
        var output = new int[DigitsData.ClassCount];
        var result = new int[set.Count];
        for (int n = 0; n < set.Count; n++)
        {
            set.CopyImage(n, input);
            evaluate(input, output);
            result[n] = Argmax<int>(output);
        }

        return result;
    }
}
