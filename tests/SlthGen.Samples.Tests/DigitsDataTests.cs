using System;
using System.IO;
using System.Linq;
using SlthGen.Samples.Digits.Training;
using Xunit;

namespace SlthGen.Samples.Tests;

/// <summary>The embedded data set and the documented train/test split.</summary>
public class DigitsDataTests
{
    [Fact]
    public void Data_set_has_1797_images_of_64_pixels_in_0_to_16_and_labels_0_to_9()
    {
        var all = DigitsData.LoadAll();
        Assert.Equal(1797, all.Count);
        Assert.Equal(1797 * 64, all.Pixels.Length);
        Assert.True(all.Pixels.ToArray().All(p => p <= 16));
        Assert.Equal(16, all.Pixels.ToArray().Max());
        Assert.Equal(Enumerable.Range(0, 10), all.Labels.ToArray().Select(l => (int)l).Distinct().Order());

        // The class counts of the UCI optdigits test set (optdigits.names).
        var counts = Enumerable.Range(0, 10).Select(c => all.Labels.ToArray().Count(l => l == c)).ToArray();
        Assert.Equal(new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 }, counts);

        // The first row of digits.csv.gz: a zero.
        Assert.Equal(new byte[] { 0, 0, 5, 13, 9, 1, 0, 0 }, all.Image(0)[..8].ToArray());
        Assert.Equal(0, all.Label(0));
    }

    [Fact]
    public void Split_is_deterministic_and_partitions_the_data()
    {
        var a = DigitsData.Load();
        var b = DigitsData.Load();
        Assert.Equal(1347, a.Train.Count);
        Assert.Equal(450, a.Test.Count);
        Assert.True(a.Train.Pixels.SequenceEqual(b.Train.Pixels));
        Assert.True(a.Train.Labels.SequenceEqual(b.Train.Labels));
        Assert.True(a.Test.Pixels.SequenceEqual(b.Test.Pixels));
        Assert.True(a.Test.Labels.SequenceEqual(b.Test.Labels));

        // Train ∪ test is the whole set, as a multiset of rows.
        static string Row(DigitsSet s, int i) => string.Join(",", s.Image(i).ToArray()) + ":" + s.Label(i);
        var all = DigitsData.LoadAll();
        var expected = Enumerable.Range(0, all.Count).Select(i => Row(all, i)).Order(StringComparer.Ordinal);
        var actual = Enumerable.Range(0, a.Train.Count).Select(i => Row(a.Train, i))
            .Concat(Enumerable.Range(0, a.Test.Count).Select(i => Row(a.Test, i))).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);

        // Every class is in the test split, and another seed gives another split.
        Assert.Equal(10, a.Test.Labels.ToArray().Distinct().Count());
        Assert.False(DigitsData.Load(6).Test.Labels.SequenceEqual(a.Test.Labels));
    }

    [Fact]
    public void Committed_test_split_equals_a_fresh_split()
    {
        var fresh = DigitsData.ToNpz(DigitsData.Load().Test).ToBytes(compress: false);
        Assert.Equal(fresh, File.ReadAllBytes(Committed.TestSplit));
        var read = DigitsData.ReadNpz(Committed.TestSplit);
        Assert.True(read.Pixels.SequenceEqual(DigitsData.Load().Test.Pixels));
        Assert.True(read.Labels.SequenceEqual(DigitsData.Load().Test.Labels));
    }

    [Fact]
    public void Malformed_csv_is_rejected_with_the_row()
    {
        var e = Assert.Throws<FormatException>(() => DigitsData.ParseCsv(new StringReader("1,2,3\n")));
        Assert.Contains("Row 1", e.Message, StringComparison.Ordinal);
        var row = string.Join(",", Enumerable.Repeat("0", 64)) + ",10";
        e = Assert.Throws<FormatException>(() => DigitsData.ParseCsv(new StringReader(row)));
        Assert.Contains("column 65", e.Message, StringComparison.Ordinal);
        var set = DigitsData.ParseCsv(new StringReader(string.Join(",", Enumerable.Repeat("16", 64)) + ",9\n"));
        Assert.Equal(1, set.Count);
        Assert.Equal(9, set.Label(0));
    }
}
