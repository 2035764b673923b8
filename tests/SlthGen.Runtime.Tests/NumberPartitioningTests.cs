using System;
using System.Linq;

namespace SlthGen.Tests;

/// <summary>Lemma 2: subset sum (x, t) ⇔ number partitioning (x, Λ − 2t).</summary>
public class NumberPartitioningTests
{
    private static long Dot(long[] values, ReadOnlySpan<sbyte> signs)
    {
        long dot = 0;
        for (int i = 0; i < values.Length; i++)
        {
            dot += signs[i] * values[i];
        }

        return dot;
    }

    [Fact]
    public void Target_is_total_minus_twice_t()
    {
        Assert.Equal(3 + 5 - 2 - (2 * 4), NumberPartitioning.PartitionTarget(new long[] { 3, 5, -2 }, 4));
        Assert.Equal(0, NumberPartitioning.PartitionTarget(ReadOnlySpan<long>.Empty, 0));
        Assert.Throws<OverflowException>(() => NumberPartitioning.PartitionTarget(new long[] { long.MaxValue }, -1));
    }

    [Fact]
    public void Subset_and_partition_convert_both_ways()
    {
        var random = new SeededRandom(2);
        for (int trial = 0; trial < 500; trial++)
        {
            int n = (int)random.NextInclusive(0, 12);
            var values = Enumerable.Range(0, n).Select(_ => random.NextInclusive(-1000, 1000)).ToArray();
            var subset = Enumerable.Range(0, n).Where(_ => random.NextInclusive(0, 1) == 1).ToArray();
            long t = subset.Sum(i => values[i]);
            long z = NumberPartitioning.PartitionTarget(values, t);

            var signs = NumberPartitioning.SubsetToPartition(n, subset);
            Assert.Equal(z, Dot(values, signs));
            Assert.Equal(subset, NumberPartitioning.PartitionToSubset(values, signs, t));

            // The mirrored partition (σ·x = −z) maps back to the complement's complement: a subset summing to t.
            var flipped = signs.Select(s => (sbyte)-s).ToArray();
            var back = NumberPartitioning.PartitionToSubset(values, flipped, t);
            Assert.Equal(t, back.Sum(i => values[i]));
        }
    }

    [Fact]
    public void Partitions_exist_exactly_when_subsets_do()
    {
        var random = new SeededRandom(3);
        for (int trial = 0; trial < 400; trial++)
        {
            int n = (int)random.NextInclusive(0, 11);
            var values = Enumerable.Range(0, n).Select(_ => random.NextInclusive(-30, 30)).ToArray();
            long z = random.NextInclusive(-80, 80);
            var result = NumberPartitioning.SolvePartition(values, z);
            Assert.Equal(SubsetSumReference.PartitionExists(values, z), result.IsSolved());
            if (result.Status == SubsetSumStatus.Solved)
            {
                Assert.Equal(Math.Abs(z), Math.Abs(Dot(values, result.Signs)));
            }

            // Lemma 2 itself: SSP (x, t) solvable ⇔ NPP (x, Λ − 2t) solvable.
            long t = random.NextInclusive(-60, 60);
            bool subset = SubsetSumReference.MinimumCardinality(values, t) >= 0;
            Assert.Equal(subset, SubsetSumReference.PartitionExists(values, NumberPartitioning.PartitionTarget(values, t)));
            Assert.Equal(subset, NumberPartitioning.SolvePartition(values, NumberPartitioning.PartitionTarget(values, t)).IsSolved());
        }
    }

    [Fact]
    public void Argument_errors_name_the_argument()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => NumberPartitioning.SubsetToPartition(-1, ReadOnlySpan<int>.Empty)).ParamName);
        Assert.Equal("subset", Assert.Throws<ArgumentOutOfRangeException>(() => NumberPartitioning.SubsetToPartition(3, new[] { 3 })).ParamName);
        Assert.Equal("subset", Assert.Throws<ArgumentException>(() => NumberPartitioning.SubsetToPartition(3, new[] { 1, 1 })).ParamName);
        long[] values = { 1, 2, 3 };
        Assert.Equal("signs", Assert.Throws<ArgumentException>(() => NumberPartitioning.PartitionToSubset(values, new sbyte[] { 1, 1 }, 0)).ParamName);
        Assert.Equal("signs", Assert.Throws<ArgumentException>(() => NumberPartitioning.PartitionToSubset(values, new sbyte[] { 1, 0, 1 }, 0)).ParamName);
        Assert.Equal("signs", Assert.Throws<ArgumentException>(() => NumberPartitioning.PartitionToSubset(values, new sbyte[] { 1, 1, 1 }, 1)).ParamName);
    }
}

internal static class PartitionResultExtensions
{
    public static bool IsSolved(this PartitionResult result) => result.Status == SubsetSumStatus.Solved;
}
