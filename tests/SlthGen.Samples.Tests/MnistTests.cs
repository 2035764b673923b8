using System;
using System.IO;
using System.Linq;
using SlthGen.Samples.Digits.Training;
using SlthGen.Samples.Mnist.Training;
using Xunit;

namespace SlthGen.Samples.Tests;

/// <summary>The embedded MNIST images, the documented split and the committed 784-500-10 weights.</summary>
public class MnistTests
{
    // One full run (about 20 s of training on one core): shared by the tests below.
    private static readonly Lazy<DigitsBuild> Full = new(() => MnistPipeline.Run());

    [Fact]
    public void Data_set_has_10000_images_of_784_grey_levels_with_the_package_class_counts()
    {
        var (grey, labels) = MnistData.LoadGreyLevels();
        Assert.Equal(10_000 * 784, grey.Length);
        Assert.Equal(256, grey.Distinct().Count());
        var counts = Enumerable.Range(0, 10).Select(c => labels.Count(l => l == c)).ToArray();
        Assert.Equal(MnistData.ClassCounts.ToArray(), counts);
        Assert.Equal(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }, counts);

        // Labels follow the package's file order: all 0s, then all 1s, ...
        Assert.True(labels.Zip(labels.Skip(1)).All(p => p.First <= p.Second));

        // The first image of 0.json: its first ink in row 4 is 0.2, 0.624, 0.992 = grey 51, 159, 253.
        int first = Array.FindIndex(grey, 0, 784, p => p != 0);
        Assert.Equal(new byte[] { 51, 159, 253 }, grey.AsSpan(first, 3).ToArray());
    }

    [Fact]
    public void Grey_levels_round_to_the_nearest_sixteenth()
    {
        for (int p = 0; p <= 255; p++)
        {
            int q = MnistData.ToGamma(p);
            Assert.InRange(Math.Abs((16.0 * p / 255) - q), 0, 0.5);
            Assert.True(Math.Abs((16.0 * p / 255) - q) < 0.5); // never a tie
        }

        Assert.Equal(16, MnistData.ToGamma(255));
        Assert.Throws<ArgumentOutOfRangeException>(() => MnistData.ToGamma(256));
        var all = MnistData.LoadAll();
        Assert.Equal(784, all.PixelCount);
        Assert.True(all.Pixels.ToArray().All(q => q <= 16));
    }

    [Fact]
    public void Split_is_8000_by_2000_deterministic_and_partitions_the_images()
    {
        var a = MnistData.Load();
        var b = MnistData.Load();
        Assert.Equal(8000, a.Train.Count);
        Assert.Equal(2000, a.Test.Count);
        Assert.True(a.Test.Pixels.SequenceEqual(b.Test.Pixels));
        Assert.True(a.Train.Labels.SequenceEqual(b.Train.Labels));
        var classCounts = Enumerable.Range(0, 10).Select(c => a.Train.Labels.ToArray().Count(l => l == c) + a.Test.Labels.ToArray().Count(l => l == c));
        Assert.Equal(MnistData.ClassCounts.ToArray(), classCounts);
        Assert.Equal(a.Train.Pixels.ToArray().Sum(p => (long)p) + a.Test.Pixels.ToArray().Sum(p => (long)p), MnistData.LoadAll().Pixels.ToArray().Sum(p => (long)p));
        Assert.False(MnistData.Load(12).Test.Labels.SequenceEqual(a.Test.Labels));
    }

    [Fact]
    public void Committed_weights_file_equals_a_fresh_run()
    {
        var fresh = Full.Value.Target.ToNpz().ToBytes(compress: false);
        Assert.Equal(fresh, File.ReadAllBytes(Committed.MnistWeights));
    }

    [Fact]
    public void The_4_bit_target_is_within_one_point_of_float_on_the_test_split()
    {
        var build = Full.Value;
        var test = build.Split.Test;
        double floatAccuracy = Evaluation.Of(build.FloatModel, test).Fraction;
        double targetAccuracy = Evaluation.Of(QuantizedMlp.ReadFile(Committed.MnistWeights), test).Fraction;
        Assert.True(floatAccuracy >= 0.95, $"float {floatAccuracy:P2}");
        Assert.True(Math.Abs(floatAccuracy - targetAccuracy) <= 0.01, $"float {floatAccuracy:P2}, target {targetAccuracy:P2}");
    }
}
