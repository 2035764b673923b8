using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// The 8×8 handwritten digits (the UCI "Optical Recognition of Handwritten Digits" test set as
/// shipped by scikit-learn, see Data/NOTICE.md): 1,797 images of 64 pixels in 0..16, labels 0..9.
/// The CSV is embedded in this assembly, so <see cref="Load(long)"/> works from any directory.
/// </summary>
public static class DigitsData
{
    /// <summary>Pixels per image (8×8).</summary>
    public const int PixelCount = 64;

    /// <summary>The number of classes (digits 0..9).</summary>
    public const int ClassCount = 10;

    /// <summary>The largest pixel value (pixels are counts of set pixels in a 4×4 block: 0..16).</summary>
    public const int MaxPixel = 16;

    /// <summary>The number of images in the data set.</summary>
    public const int SampleCount = 1797;

    /// <summary>The number of images in the test split (the last 450 after the seeded shuffle).</summary>
    public const int TestCount = 450;

    /// <summary>The number of images in the training split (the first 1,347 after the seeded shuffle).</summary>
    public const int TrainCount = SampleCount - TestCount;

    /// <summary>The seed of the documented split (see <see cref="Split(DigitsSet, long)"/>).</summary>
    public const long DefaultSplitSeed = 5;

    /// <summary>The name of the embedded gzip CSV resource.</summary>
    public const string ResourceName = "SlthGen.Samples.Digits.Training.digits.csv.gz";

    /// <summary>All 1,797 images in the file's order.</summary>
    public static DigitsSet LoadAll()
    {
        using var stream = typeof(DigitsData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The embedded resource " + ResourceName + " is missing.");
        return ParseGzipCsv(stream);
    }

    /// <summary>The train/test split of <see cref="LoadAll"/> (see <see cref="Split(DigitsSet, long)"/>).</summary>
    /// <param name="seed">The shuffle seed; the committed files use <see cref="DefaultSplitSeed"/>.</param>
    public static DigitsSplit Load(long seed = DefaultSplitSeed) => Split(LoadAll(), seed);

    /// <summary>
    /// The documented split: a Fisher–Yates shuffle of the row indices 0..n-1 driven by
    /// <c>new SeededRandom(seed)</c> (for i = n-1 down to 1: j = NextBelow(i + 1), swap i and j),
    /// then the first n - <see cref="TestCount"/> shuffled rows are the training split and the
    /// last <see cref="TestCount"/> the test split, each in shuffled order.
    /// </summary>
    /// <param name="all">The whole set (normally <see cref="LoadAll"/>).</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <exception cref="ArgumentException"><paramref name="all"/> has no more than <see cref="TestCount"/> images.</exception>
    public static DigitsSplit Split(DigitsSet all, long seed) => Split(all, seed, TestCount);

    /// <summary>
    /// The same shuffle as <see cref="Split(DigitsSet, long)"/> with <paramref name="testCount"/>
    /// test images (the last ones after the shuffle); MNIST's split uses it with 2,000.
    /// </summary>
    /// <param name="all">The whole set.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <param name="testCount">The number of test images, at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="all"/> has no more than <paramref name="testCount"/> images.</exception>
    public static DigitsSplit Split(DigitsSet all, long seed, int testCount)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentOutOfRangeException.ThrowIfLessThan(testCount, 1);
        if (all.Count <= testCount)
        {
            throw new ArgumentException($"A split needs more than {testCount} images; the set has {all.Count}.", nameof(all));
        }

        var order = new int[all.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new SeededRandom(seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)random.NextBelow((ulong)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int train = all.Count - testCount;
        return new DigitsSplit(all.Select(order.AsSpan(0, train)), all.Select(order.AsSpan(train)));
    }

    /// <summary>Parses the gzip-compressed CSV (each row: 64 pixel values, then the label).</summary>
    /// <param name="gzipCsv">The <c>digits.csv.gz</c> bytes.</param>
    /// <exception cref="FormatException">A row is malformed or a value is out of range.</exception>
    public static DigitsSet ParseGzipCsv(Stream gzipCsv)
    {
        ArgumentNullException.ThrowIfNull(gzipCsv);
        using var gzip = new GZipStream(gzipCsv, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip);
        return ParseCsv(reader);
    }

    /// <summary>Parses the CSV text (each row: 64 pixel values, then the label; no header).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <exception cref="FormatException">A row is malformed or a value is out of range.</exception>
    public static DigitsSet ParseCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var pixels = new List<byte>();
        var labels = new List<byte>();
        int row = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            row++;
            if (line.Length == 0)
            {
                continue;
            }

            var rest = line.AsSpan();
            for (int column = 0; column <= PixelCount; column++)
            {
                int comma = rest.IndexOf(',');
                var field = comma < 0 ? rest : rest[..comma];
                if ((comma < 0) != (column == PixelCount))
                {
                    throw new FormatException(string.Format(CultureInfo.InvariantCulture, "Row {0}: expected {1} comma-separated values.", row, PixelCount + 1));
                }

                int max = column == PixelCount ? ClassCount - 1 : MaxPixel;
                if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value > max)
                {
                    throw new FormatException(string.Format(CultureInfo.InvariantCulture, "Row {0}, column {1}: '{2}' is not an integer in 0..{3}.", row, column + 1, field.ToString(), max));
                }

                (column == PixelCount ? labels : pixels).Add((byte)value);
                rest = comma < 0 ? default : rest[(comma + 1)..];
            }
        }

        return new DigitsSet(pixels.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// A set as a .npz archive: <c>x</c> (int8, shape [n, pixels], pixel values 0..16, i.e. inputs in
    /// units of γ = 2^-4) and <c>y</c> (int8, shape [n], labels 0..9).
    /// </summary>
    public static NpzArchive ToNpz(DigitsSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var x = new long[(long)set.Count * set.PixelCount];
        var y = new long[set.Count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = set.Pixels[i];
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] = set.Labels[i];
        }

        return new NpzArchive(new[]
        {
            new KeyValuePair<string, NpyArray>("x", NpyArray.Create(NpyDType.Int8, new[] { set.Count, set.PixelCount }, x)),
            new KeyValuePair<string, NpyArray>("y", NpyArray.Create(NpyDType.Int8, new[] { set.Count }, y)),
        });
    }

    /// <summary>Reads a set written by <see cref="ToNpz"/> (arrays <c>x</c> [n, pixels] and <c>y</c> [n]; 64 pixels for the UCI digits, 784 for MNIST).</summary>
    /// <exception cref="FormatException">The arrays are missing, have the wrong shape or hold values out of range.</exception>
    public static DigitsSet FromNpz(NpzArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var x = archive["x"];
        var y = archive["y"];
        if (x.Rank != 2 || x.Shape[1] < 1 || y.Rank != 1 || y.Shape[0] != x.Shape[0])
        {
            throw new FormatException(string.Format(CultureInfo.InvariantCulture, "Expected x of shape [n, pixels] and y of shape [n]; got {0} and {1}.", x, y));
        }

        var xs = x.ToInt64Array();
        var ys = y.ToInt64Array();
        var pixels = new byte[xs.Length];
        var labels = new byte[ys.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            pixels[i] = xs[i] is >= 0 and <= MaxPixel ? (byte)xs[i] : throw new FormatException(string.Format(CultureInfo.InvariantCulture, "x[{0}] = {1} is not a pixel value in 0..{2}.", i, xs[i], MaxPixel));
        }

        for (int i = 0; i < ys.Length; i++)
        {
            labels[i] = ys[i] is >= 0 and < ClassCount ? (byte)ys[i] : throw new FormatException(string.Format(CultureInfo.InvariantCulture, "y[{0}] = {1} is not a label in 0..{2}.", i, ys[i], ClassCount - 1));
        }

        return new DigitsSet(x.Shape[1], pixels, labels);
    }

    /// <summary>Reads a set from a .npz file written by <see cref="ToNpz"/>.</summary>
    public static DigitsSet ReadNpz(string path) => FromNpz(NpzArchive.ReadFile(path));
}
