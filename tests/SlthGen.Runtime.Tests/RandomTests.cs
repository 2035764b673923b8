using System;
using System.Linq;

namespace SlthGen.Tests;

/// <summary>The test vectors of docs/random-network.md, computed by the Python reference there.</summary>
public class RandomTests
{
    [Fact]
    public void SplitMix64_matches_the_published_first_output()
    {
        // The reference SplitMix64 seeded with 0 first returns 0xE220A8397B1DCDAF.
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
        var r = new SeededRandom(42);
        Assert.Equal(new[] { 13679457532755275413UL, 2949826092126892291UL, 5139283748462763858UL }, new[] { r.NextUInt64(), r.NextUInt64(), r.NextUInt64() });
    }

    [Fact]
    public void Sequential_weight_vectors()
    {
        var r = new SeededRandom(42);
        Assert.Equal(new long[] { 8, -11, -7, -5, -15, 12, -9, 10, -5, 4 }, Enumerable.Range(0, 10).Select(_ => r.NextWeight(4)));
        var nz = new SeededRandom(-1);
        Assert.Equal(new long[] { 4, 4, -3, -1, 2, 3, 4, -2, 3, -4 }, Enumerable.Range(0, 10).Select(_ => nz.NextNonZeroWeight(2)));
    }

    [Fact]
    public void Addressed_weight_vectors()
    {
        var g = new RandomWeights(42, new Precision(8), excludeZero: false);
        Assert.Equal(new long[] { -220, 32, 139, 195, 48, 244, -245, -27 }, Enumerable.Range(0, 8).Select(c => g.InitialWeight(1, 0, c)));
        var h = new RandomWeights(42, new Precision(8), excludeZero: true);
        Assert.Equal(new long[] { -222, -147, -143, 62, -41, 199, 48, 188 }, Enumerable.Range(0, 8).Select(c => h.InitialWeight(2, 3, c)));
    }

    [Fact]
    public void Reduction_is_the_floor_of_the_drawn_weight()
    {
        var g = new RandomWeights(7, new Precision(8), excludeZero: false);
        for (int c = 0; c < 200; c++)
        {
            long w = g.InitialWeight(3, 5, c);
            Assert.Equal((long)Math.Floor(w / 64.0), g.ReducedWeight(3, 5, c, new Precision(2)));
        }

        Assert.Equal("reduced", Assert.Throws<ArgumentOutOfRangeException>(() => g.ReducedWeight(1, 0, 0, new Precision(9))).ParamName);
        Assert.Equal("layer", Assert.Throws<ArgumentOutOfRangeException>(() => g.InitialWeight(0, 0, 0)).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => g.InitialWeight(1, -1, 0)).ParamName);
        Assert.Equal("column", Assert.Throws<ArgumentOutOfRangeException>(() => g.InitialWeight(1, 0, -1)).ParamName);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(8, true)]
    public void Draws_stay_in_bounds_and_hit_every_value(int bits, bool excludeZero)
    {
        var r = new SeededRandom(bits);
        long one = 1L << bits;
        var seen = new bool[2 * one + 1];
        for (int i = 0; i < 200_000; i++)
        {
            long w = excludeZero ? r.NextNonZeroWeight(bits) : r.NextWeight(bits);
            Assert.InRange(w, -one, one);
            if (excludeZero)
            {
                Assert.NotEqual(0, w);
            }

            seen[w + one] = true;
        }

        for (long v = -one; v <= one; v++)
        {
            Assert.Equal(!(excludeZero && v == 0), seen[v + one]);
        }
    }

    /// <summary>
    /// Pearson's χ² over the 17 values of S_{2^-3}, 170,000 draws, fixed seed. The threshold is the
    /// 99.9% quantile of χ²(16) = 39.25. A generator taking u mod 17 of a 5-bit draw (the
    /// classic modulo bias) scores in the thousands here; the test checks that it does.
    /// </summary>
    [Fact]
    public void Chi_square_uniformity_rejects_modulo_bias()
    {
        const int Bits = 3, Values = 17, Draws = 170_000;
        var r = new SeededRandom(2024);
        var counts = new long[Values];
        var biased = new long[Values];
        var raw = new SeededRandom(2024);
        for (int i = 0; i < Draws; i++)
        {
            counts[r.NextWeight(Bits) + 8]++;
            biased[(long)(raw.NextUInt64() >> 59) % Values]++;
        }

        Assert.True(ChiSquare(counts) < 39.25, $"χ² = {ChiSquare(counts)}");
        Assert.True(ChiSquare(biased) > 39.25, $"biased χ² = {ChiSquare(biased)}");
    }

    [Fact]
    public void Inclusive_ranges_cover_extremes_and_reject_empty_ones()
    {
        var r = new SeededRandom(5);
        Assert.Equal(7, r.NextInclusive(7, 7));
        var full = r.NextInclusive(long.MinValue, long.MaxValue);
        Assert.InRange(full, long.MinValue, long.MaxValue);
        Assert.Equal("max", Assert.Throws<ArgumentOutOfRangeException>(() => r.NextInclusive(3, 2)).ParamName);
        Assert.Equal("range", Assert.Throws<ArgumentOutOfRangeException>(() => r.NextBelow(0)).ParamName);
    }

    private static double ChiSquare(long[] counts)
    {
        double expected = counts.Sum() / (double)counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
