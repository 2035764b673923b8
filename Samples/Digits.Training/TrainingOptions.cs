namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// Hyper-parameters of <see cref="MlpTrainer"/> and of the quantisation-aware fine-tuning in
/// <see cref="Quantizer.FineTune"/>. The defaults produce the committed <c>digits-4bit.npz</c>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The options the committed files were made with.</summary>
    public static TrainingOptions Default { get; } = new();

    /// <summary>The seed of the initial weights and of the mini-batch order (<see cref="SeededRandom"/>).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The number of hidden ReLU units.</summary>
    public int HiddenCount { get; init; } = 32;

    /// <summary>Epochs of float training.</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Images per mini-batch (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size for float training; it decays linearly to zero over the epochs.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Decoupled (AdamW) weight decay on W1 and W2 per step, as a multiple of the step size.</summary>
    public double WeightDecay { get; init; } = 0.0;

    /// <summary>Epochs of quantisation-aware fine-tuning (0: plain rounding only).</summary>
    public int FineTuneEpochs { get; init; } = 30;

    /// <summary>Adam's step size for fine-tuning (in units where every weight lies in [-1, 1]); it decays linearly to zero.</summary>
    public double FineTuneLearningRate { get; init; } = 0.002;
}
