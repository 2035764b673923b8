using SlthGen.Samples.Digits.Training;

namespace SlthGen.Samples.Mnist.Training;

/// <summary>
/// <c>dotnet run --project Samples/Mnist.Training -c Release -- [--out W.npz] [--test-out T.npz] [options]</c>:
/// retrains 784-500-10 on MNIST deterministically, prints the accuracies and writes the weights
/// file (options as Samples/Digits.Training, defaults <see cref="MnistPipeline.Options"/>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args) =>
        TrainingCommand.Run(args, "MNIST", MnistPipeline.Options, MnistData.DefaultSplitSeed, MnistPipeline.Run);
}
