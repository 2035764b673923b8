using System;
using System.IO;
using System.Linq;
using SlthGen.Samples.Digits.Training;
using Xunit;

namespace SlthGen.Samples.Tests;

/// <summary>Deterministic training, quantisation into S_δt and the committed weights file.</summary>
public class TrainingTests
{
    private static readonly Lazy<DigitsBuild> Full = new(() => DigitsPipeline.Run());

    [Fact]
    public void Training_is_deterministic()
    {
        var options = TrainingOptions.Default with { Epochs = 3, FineTuneEpochs = 2 };
        var train = DigitsData.Load().Train;
        var a = MlpTrainer.Train(train, options);
        var b = MlpTrainer.Train(train, options);
        Assert.Equal(Bits(a.W1), Bits(b.W1));
        Assert.Equal(Bits(a.B1), Bits(b.B1));
        Assert.Equal(Bits(a.W2), Bits(b.W2));
        Assert.Equal(Bits(a.B2), Bits(b.B2));
        Assert.True(Quantizer.FineTune(a, train, options).ContentEquals(Quantizer.FineTune(b, train, options)));
        Assert.NotEqual(Bits(a.W1), Bits(MlpTrainer.Train(train, options with { Seed = 7 }).W1));
    }

    [Fact]
    public void Committed_weights_file_equals_a_fresh_run()
    {
        var fresh = Full.Value.Target.ToNpz().ToBytes(compress: false);
        Assert.Equal(fresh, File.ReadAllBytes(Committed.Weights));
    }

    [Fact]
    public void Float_and_target_accuracy_reach_95_percent()
    {
        var build = Full.Value;
        Assert.True(Evaluation.Of(build.FloatModel, build.Split.Test).Fraction >= 0.95);
        Assert.True(Evaluation.Of(build.Target, build.Split.Test).Fraction >= 0.95);
        var committed = QuantizedMlp.ReadFile(Committed.Weights);
        Assert.True(Evaluation.Of(committed, DigitsData.ReadNpz(Committed.TestSplit)).Fraction >= 0.95);
    }

    [Fact]
    public void Weights_file_has_the_documented_arrays_within_S_delta_t()
    {
        var archive = NpzArchive.ReadFile(Committed.Weights);
        Assert.Equal(new[] { "W1", "b1", "W2", "b2" }, archive.Names);
        Assert.Equal(new[] { 32, 64 }, archive["W1"].Shape);
        Assert.Equal(new[] { 32 }, archive["b1"].Shape);
        Assert.Equal(new[] { 10, 32 }, archive["W2"].Shape);
        Assert.Equal(new[] { 10 }, archive["b2"].Shape);
        foreach (var name in archive.Names)
        {
            Assert.Equal(NpyDType.Int8, archive[name].DType);
            Assert.All(archive[name].ToInt64Array(), q => Assert.InRange(q, -16, 16));
        }

        var network = QuantizedMlp.FromNpz(archive);
        Assert.True(network.ToNpz().ToBytes().AsSpan().SequenceEqual(File.ReadAllBytes(Committed.Weights)));
    }

    [Fact]
    public void Quantised_weights_lie_in_minus_16_to_16_whatever_the_float_scale()
    {
        var model = MlpTrainer.Train(DigitsData.Load().Train, TrainingOptions.Default with { Epochs = 1 });
        var big = new MlpModel(64, 32, 10, model.W1.ToArray().Select(w => w * 1000).ToArray(), model.B1, model.W2.ToArray().Select(w => w * -3).ToArray(), model.B2);
        foreach (var m in new[] { model, big })
        {
            var q = Quantizer.ToTarget(m);
            var all = q.W1.ToArray().Concat(q.B1.ToArray()).Concat(q.W2.ToArray()).Concat(q.B2.ToArray()).ToArray();
            Assert.All(all, v => Assert.InRange(v, -16, 16));
            Assert.Contains(all, v => Math.Abs(v) == 16); // max-abs scaling uses the whole range
        }

        Assert.Equal(16, Quantizer.RoundWeight(1.7));
        Assert.Equal(-16, Quantizer.RoundWeight(-1.0));
        Assert.Equal(2, Quantizer.RoundWeight(2.5 / 16)); // ties to even
        Assert.Equal(-4, Quantizer.RoundWeight(-3.5 / 16));
    }

    [Fact]
    public void Rescaling_keeps_the_float_predictions()
    {
        var build = Full.Value;
        var scaled = Quantizer.Rescale(build.FloatModel, build.Scales);
        Assert.All(scaled.W1.ToArray().Concat(scaled.B1.ToArray()).Concat(scaled.W2.ToArray()).Concat(scaled.B2.ToArray()), w => Assert.InRange(w, -1.0, 1.0));
        var test = build.Split.Test;
        for (int n = 0; n < test.Count; n++)
        {
            Assert.Equal(build.FloatModel.Predict(test.Image(n)), scaled.Predict(test.Image(n)));
        }
    }

    [Fact]
    public void Portable_exp_matches_Math_Exp()
    {
        for (double x = -40; x <= 5; x += 0.01)
        {
            double expected = Math.Exp(x);
            Assert.True(Math.Abs(PortableMath.Exp(x) - expected) <= 4e-16 * expected, FormattableString.Invariant($"exp({x})"));
        }

        Assert.Equal(1.0, PortableMath.Exp(0));
        Assert.Equal(0.0, PortableMath.Exp(-1000));
    }

    private static long[] Bits(ReadOnlySpan<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
}
