using System;

namespace SlthGen.Tests;

public class PrecisionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Precision.MaxBits + 1)]
    public void Invalid_bit_counts_name_the_argument(int bits)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Precision(bits));
        Assert.Equal("bits", e.ParamName);
    }

    [Fact]
    public void Membership_is_the_closed_interval_minus_one_to_one()
    {
        var p = new Precision(3);
        Assert.Equal(8, p.One);
        Assert.Equal(17, p.Count);
        Assert.True(p.Contains(-8));
        Assert.True(p.Contains(0));
        Assert.True(p.Contains(8));
        Assert.False(p.Contains(9));
        Assert.False(p.Contains(-9));
        Assert.Equal(0.125, p.Value);
        Assert.Equal(-0.375, p.ToDouble(-3));
    }

    [Theory]
    // [v]_γ floors toward −∞: -0.0625 at 2^-4 is -1 unit; at 2^-2 it becomes -0.25 (not 0).
    [InlineData(-1, 4, 2, -1)]
    [InlineData(1, 4, 2, 0)]
    [InlineData(-4, 4, 2, -1)]
    [InlineData(-5, 4, 2, -2)]
    [InlineData(7, 4, 2, 1)]
    [InlineData(-7, 4, 2, -2)]
    [InlineData(16, 4, 2, 4)]
    [InlineData(-16, 4, 2, -4)]
    [InlineData(3, 4, 4, 3)]
    public void Floor_rounds_toward_negative_infinity(long q, int from, int to, long expected)
    {
        Assert.Equal(expected, FixedPoint.Floor(q, from, to));
        Assert.Equal(expected, new Precision(from).ConvertTo(q, new Precision(to)));
        Assert.Equal((long)Math.Floor(q / Math.Pow(2, from) * Math.Pow(2, to)), expected);
    }

    [Fact]
    public void Refining_is_exact_and_checked()
    {
        Assert.Equal(-12, FixedPoint.Convert(-3, 2, 4));
        Assert.Throws<OverflowException>(() => FixedPoint.Convert(long.MaxValue / 2, 0, 4));
        Assert.Equal("toBits", Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.Floor(1, 2, 4)).ParamName);
        Assert.Equal("fromBits", Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.Floor(1, -1, 0)).ParamName);
    }

    [Fact]
    public void Precisions_order_from_coarse_to_fine()
    {
        Assert.True(new Precision(4) < new Precision(2));
        Assert.True(new Precision(2) >= new Precision(2));
        Assert.Equal("2^-5", new Precision(5).ToString());
    }
}
