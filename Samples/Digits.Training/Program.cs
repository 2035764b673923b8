using System;
using System.Globalization;
using System.IO;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// <c>dotnet run --project Samples/Digits.Training -c Release -- [--out W.npz] [--test-out T.npz] [options]</c>:
/// retrains deterministically, prints the accuracies and writes the weights file and the test split.
/// </summary>
internal static class Program
{
    private static int Main(string[] args) =>
        TrainingCommand.Run(args, "digits", TrainingOptions.Default, DigitsData.DefaultSplitSeed, options => DigitsPipeline.Run(options));
}

/// <summary>
/// The command line shared by the training consoles (Samples/Digits.Training, Samples/Mnist.Training):
/// <c>[--out W.npz] [--test-out T.npz] [--seed N] [--hidden N] [--epochs N] [--batch N] [--lr X]
/// [--weight-decay X] [--fine-tune-epochs N] [--fine-tune-lr X]</c>.
/// </summary>
public static class TrainingCommand
{
    /// <summary>Parses <paramref name="args"/>, runs <paramref name="pipeline"/>, prints the accuracies and writes the requested files.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="dataName">The data set's name in the first line of output.</param>
    /// <param name="defaults">The options the committed files were made with.</param>
    /// <param name="splitSeed">The split seed, for the first line of output.</param>
    /// <param name="pipeline">Load, split, train, quantise and fine-tune with the given options.</param>
    /// <returns>The process exit code: 0, or 2 for an unknown argument.</returns>
    public static int Run(string[] args, string dataName, TrainingOptions defaults, long splitSeed, Func<TrainingOptions, DigitsBuild> pipeline)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(pipeline);
        string? weightsPath = null;
        string? testPath = null;
        var options = defaults;
        for (int a = 0; a < args.Length; a++)
        {
            string name = args[a];
            string Value() => a + 1 < args.Length ? args[++a] : throw new ArgumentException("Missing a value after " + name + ".");
            switch (name)
            {
                case "--out": weightsPath = Value(); break;
                case "--test-out": testPath = Value(); break;
                case "--seed": options = options with { Seed = long.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--hidden": options = options with { HiddenCount = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--epochs": options = options with { Epochs = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--batch": options = options with { BatchSize = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--lr": options = options with { LearningRate = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--weight-decay": options = options with { WeightDecay = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--fine-tune-epochs": options = options with { FineTuneEpochs = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--fine-tune-lr": options = options with { FineTuneLearningRate = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                default:
                    Console.Error.WriteLine("Unknown argument " + name + ". Usage: [--out W.npz] [--test-out T.npz] [--seed N] [--hidden N] [--epochs N] [--batch N] [--lr X] [--weight-decay X] [--fine-tune-epochs N] [--fine-tune-lr X]");
                    return 2;
            }
        }

        var build = pipeline(options);
        var split = build.Split;
        var scales = build.Scales;
        Console.WriteLine(Invariant($"{dataName}: {split.Train.Count} train / {split.Test.Count} test images (split seed {splitSeed}); MLP {split.Train.PixelCount}-{options.HiddenCount}-10, seed {options.Seed}"));
        Console.WriteLine(Invariant($"float model      train {Evaluation.Of(build.FloatModel, split.Train)}  test {Evaluation.Of(build.FloatModel, split.Test)}  ({options.Epochs} epochs, {build.TrainingTime.TotalSeconds:0.00} s)"));
        Console.WriteLine(Invariant($"scales           s1 = {scales.HiddenScale:0.####} (W1, b1 ÷ s1), s2 = {scales.OutputScale:0.####} (W2 × s1/s2, b2 ÷ s2)"));
        Console.WriteLine(Invariant($"rounded target   train {Evaluation.Of(build.Rounded, split.Train)}  test {Evaluation.Of(build.Rounded, split.Test)}  (post-training rounding only)"));
        Console.WriteLine(Invariant($"target (4-bit)   train {Evaluation.Of(build.Target, split.Train)}  test {Evaluation.Of(build.Target, split.Test)}  ({options.FineTuneEpochs} fine-tuning epochs, {build.FineTuneTime.TotalSeconds:0.00} s)"));
        Console.WriteLine(Invariant($"target weights   {Describe(build.Target)}"));
        if (weightsPath is not null)
        {
            build.Target.WriteFile(weightsPath);
            Console.WriteLine("wrote " + weightsPath);
        }

        if (testPath is not null)
        {
            DigitsData.ToNpz(split.Test).WriteFile(testPath, compress: false);
            Console.WriteLine("wrote " + testPath);
        }

        return 0;
    }

    private static string Describe(QuantizedMlp network)
    {
        int zeros = 0;
        int extremes = 0;
        int total = 0;
        foreach (var layer in new[] { network.W1.ToArray(), network.B1.ToArray(), network.W2.ToArray(), network.B2.ToArray() })
        {
            foreach (int q in layer)
            {
                zeros += q == 0 ? 1 : 0;
                extremes += Math.Abs(q) == QuantizedMlp.One ? 1 : 0;
                total++;
            }
        }

        return Invariant($"{total} parameters, {zeros} zero, {extremes} at ±1");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
