using System;
using System.Linq;
using System.Runtime.Intrinsics;

namespace SlthGen.Tests;

public class SampleLanesTests
{
    /// <summary>Feature counts around the 16×16 tiles: none, one, tiles plus a tail; up to 16 values come back through one padded tile.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(70)]
    public void Lanes_hold_one_sample_each_and_come_back_unchanged(int features)
    {
        var random = new SeededRandom(features);
        int[] Samples(int lanes) => Enumerable.Range(0, lanes * features).Select(_ => (int)random.NextInclusive(int.MinValue, int.MaxValue)).ToArray();

        var s16 = Samples(16);
        var v512 = new Vector512<int>[features];
        SampleLanes.ToLanes(s16, v512);
        AssertLanes(s16, features, 16, (j, s) => v512[j][s]);
        var back = new int[s16.Length];
        SampleLanes.FromLanes(v512, back);
        Assert.Equal(s16, back);

        // Four Vector512s per feature: samples 16q…16q+15 in quad component q.
        var s64 = Samples(64);
        var quads = new Int32Quad512[features];
        Int32Lanes512x4.ToLanes(s64, quads);
        AssertLanes(s64, features, 64, (j, s) => QuadComponent(quads[j], s / 16)[s % 16]);
        back = new int[s64.Length];
        Int32Lanes512x4.FromLanes(quads, back);
        Assert.Equal(s64, back);

        var s8 = Samples(8);
        var v256 = new Vector256<int>[features];
        SampleLanes.ToLanes(s8, v256);
        AssertLanes(s8, features, 8, (j, s) => v256[j][s]);
        back = new int[s8.Length];
        SampleLanes.FromLanes(v256, back);
        Assert.Equal(s8, back);

        var s4 = Samples(4);
        var v128 = new Vector128<int>[features];
        SampleLanes.ToLanes(s4, v128);
        AssertLanes(s4, features, 4, (j, s) => v128[j][s]);

        var l8 = Samples(8);
        var long512 = new Vector512<long>[features];
        SampleLanes.ToLanes(l8, long512);
        AssertLanes(l8, features, 8, (j, s) => checked((int)long512[j][s]));
        back = new int[l8.Length];
        SampleLanes.FromLanes(long512, back);
        Assert.Equal(l8, back);
    }

    [Fact]
    public void Wrong_lengths_name_the_samples()
    {
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => SampleLanes.ToLanes(new int[15], new Vector512<int>[1])).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => SampleLanes.FromLanes(new Vector256<int>[2], new int[15])).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => SampleLanes.FromLanes(new Vector512<int>[10], new int[159])).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => SampleLanes.FromLanes(new Vector512<int>[10], new int[161])).ParamName);
    }

    [Fact]
    public void Long_lanes_beyond_int32_are_not_truncated_silently() =>
        Assert.Throws<OverflowException>(() => SampleLanes.FromLanes(new[] { Vector128.Create(long.MaxValue, 0) }, new int[2]));

    private static Vector512<int> QuadComponent(Int32Quad512 quad, int q) => q switch { 0 => quad.A, 1 => quad.B, 2 => quad.C, _ => quad.D };

    private static void AssertLanes(int[] samples, int features, int lanes, Func<int, int, int> lane)
    {
        for (int s = 0; s < lanes; s++)
        {
            for (int j = 0; j < features; j++)
            {
                Assert.Equal(samples[(s * features) + j], lane(j, s));
            }
        }
    }
}
