using System;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// Positive per-layer scales that map a float model onto S_δt: W1 and b1 are divided by
/// <see cref="HiddenScale"/> s1 and W2 multiplied by s1/s2, b2 divided by s2 (s2 =
/// <see cref="OutputScale"/>). Since ReLU(z/s1) = ReLU(z)/s1, the rescaled model computes the
/// float model's hidden layer divided by s1 and its logits divided by s2: the same argmax.
/// </summary>
/// <param name="HiddenScale">s1: the hidden activations of the target are those of the float model divided by s1.</param>
/// <param name="OutputScale">s2: the outputs of the target are the float logits divided by s2.</param>
public sealed record QuantizationScales(double HiddenScale, double OutputScale);

/// <summary>Float model → SlthGen target: rescaling, rounding and quantisation-aware fine-tuning.</summary>
public static class Quantizer
{
    /// <summary>
    /// The scales that map the largest parameter of each layer to ±1: s1 = max(|W1|, |b1|) and
    /// s2 = max(s1·|W2|, |b2|). Every rescaled parameter then lies in [-1, 1] and the rounding
    /// step δt = 1/16 is as fine as it can be relative to the largest weight, without clipping.
    /// </summary>
    public static QuantizationScales ChooseScales(MlpModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double s1 = Math.Max(MaxAbs(model.W1), MaxAbs(model.B1));
        double s2 = Math.Max(s1 * MaxAbs(model.W2), MaxAbs(model.B2));
        return new QuantizationScales(s1 > 0 ? s1 : 1.0, s2 > 0 ? s2 : 1.0);
    }

    /// <summary>The model rescaled by <paramref name="scales"/> (see <see cref="QuantizationScales"/>): same predictions, parameters in [-1, 1] for <see cref="ChooseScales"/>'s scales.</summary>
    public static MlpModel Rescale(MlpModel model, QuantizationScales scales)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scales);
        double s1 = scales.HiddenScale;
        double s2 = scales.OutputScale;
        if (!(s1 > 0) || !(s2 > 0) || double.IsInfinity(s1) || double.IsInfinity(s2))
        {
            throw new ArgumentOutOfRangeException(nameof(scales), scales, "Scales must be positive and finite.");
        }

        var w1 = model.W1.ToArray();
        var b1 = model.B1.ToArray();
        var w2 = model.W2.ToArray();
        var b2 = model.B2.ToArray();
        for (int i = 0; i < w1.Length; i++)
        {
            w1[i] /= s1;
        }

        for (int i = 0; i < b1.Length; i++)
        {
            b1[i] /= s1;
        }

        for (int i = 0; i < w2.Length; i++)
        {
            w2[i] = w2[i] * s1 / s2;
        }

        for (int i = 0; i < b2.Length; i++)
        {
            b2[i] /= s2;
        }

        return new MlpModel(model.InputCount, model.HiddenCount, model.OutputCount, w1, b1, w2, b2);
    }

    /// <summary>A parameter value → the nearest multiple of δt = 1/16 (ties to even), clamped to [-1, 1], as an integer in units of δt.</summary>
    public static int RoundWeight(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN cannot be quantised.");
        }

        return (int)Math.Clamp(Math.Round(value * QuantizedMlp.One, MidpointRounding.ToEven), -QuantizedMlp.One, QuantizedMlp.One);
    }

    /// <summary>Rounds every parameter of an already rescaled model with <see cref="RoundWeight"/>.</summary>
    public static QuantizedMlp Round(MlpModel scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        return new QuantizedMlp(scaled.InputCount, scaled.HiddenCount, scaled.OutputCount, RoundAll(scaled.W1), RoundAll(scaled.B1), RoundAll(scaled.W2), RoundAll(scaled.B2));
    }

    /// <summary>Post-training quantisation: <see cref="Rescale"/> by <see cref="ChooseScales"/>, then <see cref="Round"/>. No training data needed.</summary>
    public static QuantizedMlp ToTarget(MlpModel model) => Round(Rescale(model, ChooseScales(model)));

    /// <summary>
    /// Quantisation-aware fine-tuning: starts from the float model rescaled by
    /// <see cref="ChooseScales"/>, trains it for <see cref="TrainingOptions.FineTuneEpochs"/>
    /// epochs with the target's own forward pass (weights rounded to δt, hidden activations
    /// floored to γ, straight-through gradients, logits × s2 so the softmax sees the float
    /// model's scale), keeping every shadow weight in [-1, 1], then rounds. Mini-batch order from
    /// <c>new SeededRandom(options.Seed + 1)</c>. With 0 epochs this is <see cref="ToTarget"/>.
    /// </summary>
    /// <param name="model">The trained float model.</param>
    /// <param name="train">The training images.</param>
    /// <param name="options">The hyper-parameters (null: <see cref="TrainingOptions.Default"/>).</param>
    public static QuantizedMlp FineTune(MlpModel model, DigitsSet train, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options ??= TrainingOptions.Default;
        var scales = ChooseScales(model);
        var scaled = Rescale(model, scales);
        var network = new Backprop(
            scaled.InputCount,
            scaled.HiddenCount,
            scaled.OutputCount,
            scaled.W1.ToArray(),
            scaled.B1.ToArray(),
            scaled.W2.ToArray(),
            scaled.B2.ToArray(),
            quantised: true,
            temperature: scales.OutputScale);
        network.Train(train, new SeededRandom(unchecked(options.Seed + 1)), options.FineTuneEpochs, options.BatchSize, options.FineTuneLearningRate, weightDecay: 0.0);
        return Round(network.ToModel());
    }

    private static int[] RoundAll(ReadOnlySpan<double> values)
    {
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = RoundWeight(values[i]);
        }

        return result;
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
