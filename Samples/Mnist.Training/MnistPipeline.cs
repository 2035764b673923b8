using SlthGen.Samples.Digits.Training;

namespace SlthGen.Samples.Mnist.Training;

/// <summary>The MNIST run of the digits sample's pipeline: same trainer, quantiser and fine-tuning, 784-500-10.</summary>
public static class MnistPipeline
{
    /// <summary>The hyper-parameters of the committed <c>mnist-4bit.npz</c>.</summary>
    public static TrainingOptions Options { get; } = TrainingOptions.Default with
    {
        Seed = 42,
        HiddenCount = 500,
        Epochs = 10,
        BatchSize = 64,
        LearningRate = 0.002,
        WeightDecay = 0.0001,
        FineTuneEpochs = 4,
        FineTuneLearningRate = 0.001,
    };

    /// <summary>Load → split → train → quantise → fine-tune (<see cref="DigitsPipeline.Run(DigitsSplit, TrainingOptions)"/>), deterministically.</summary>
    /// <param name="options">The hyper-parameters (null: <see cref="Options"/>).</param>
    public static DigitsBuild Run(TrainingOptions? options = null) => DigitsPipeline.Run(MnistData.Load(), options ?? Options);
}
