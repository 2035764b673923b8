using System;
using System.Diagnostics;

namespace SlthGen.Samples.Digits.Training;

/// <summary>Everything one run of <see cref="DigitsPipeline.Run(DigitsSplit, TrainingOptions)"/> produces.</summary>
public sealed class DigitsBuild
{
    internal DigitsBuild(DigitsSplit split, TrainingOptions options, MlpModel floatModel, QuantizationScales scales, QuantizedMlp rounded, QuantizedMlp target, TimeSpan trainingTime, TimeSpan fineTuneTime)
    {
        Split = split;
        Options = options;
        FloatModel = floatModel;
        Scales = scales;
        Rounded = rounded;
        Target = target;
        TrainingTime = trainingTime;
        FineTuneTime = fineTuneTime;
    }

    /// <summary>The train/test split used.</summary>
    public DigitsSplit Split { get; }

    /// <summary>The hyper-parameters used.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The float model.</summary>
    public MlpModel FloatModel { get; }

    /// <summary>The per-layer scales that map the float model into S_δt.</summary>
    public QuantizationScales Scales { get; }

    /// <summary>Post-training quantisation only (<see cref="Quantizer.ToTarget"/>), for comparison.</summary>
    public QuantizedMlp Rounded { get; }

    /// <summary>The target after quantisation-aware fine-tuning: what <c>digits-4bit.npz</c> holds.</summary>
    public QuantizedMlp Target { get; }

    /// <summary>Wall-clock time of float training.</summary>
    public TimeSpan TrainingTime { get; }

    /// <summary>Wall-clock time of quantisation-aware fine-tuning.</summary>
    public TimeSpan FineTuneTime { get; }
}

/// <summary>Load → split → train → quantise → fine-tune, as the console and the tests run it.</summary>
public static class DigitsPipeline
{
    /// <summary>Runs the whole pipeline deterministically.</summary>
    /// <param name="options">The hyper-parameters (null: <see cref="TrainingOptions.Default"/>).</param>
    /// <param name="splitSeed">The split seed (<see cref="DigitsData.DefaultSplitSeed"/> for the committed files).</param>
    public static DigitsBuild Run(TrainingOptions? options = null, long splitSeed = DigitsData.DefaultSplitSeed) =>
        Run(DigitsData.Load(splitSeed), options ?? TrainingOptions.Default);

    /// <summary>Train → quantise → fine-tune on any split (MNIST's pipeline calls this with its own data and options).</summary>
    /// <param name="split">The train/test split; only the training images are used for training.</param>
    /// <param name="options">The hyper-parameters.</param>
    public static DigitsBuild Run(DigitsSplit split, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var model = MlpTrainer.Train(split.Train, options);
        var trainingTime = clock.Elapsed;
        clock.Restart();
        var target = Quantizer.FineTune(model, split.Train, options);
        var fineTuneTime = clock.Elapsed;
        return new DigitsBuild(split, options, model, Quantizer.ChooseScales(model), Quantizer.ToTarget(model), target, trainingTime, fineTuneTime);
    }
}
