using System;
using System.Linq;

namespace SlthGen.Tests;

public class NetworkArgumentsTests
{
    [Fact]
    public void Wrong_lengths_name_the_span()
    {
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => NetworkArguments.CheckSample(new int[3], new int[1], 2, 1, -16, 16, 4)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => NetworkArguments.CheckSample(new int[2], new int[2], 2, 1, -16, 16, 4)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => NetworkArguments.CheckBatch(new int[3], new int[1], 2, 1, -16, 16, 4)).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => NetworkArguments.CheckBatch(new int[4], new int[1], 2, 1, -16, 16, 4)).ParamName);
    }

    [Fact]
    public void The_first_value_out_of_range_is_named_at_every_position()
    {
        // Lengths past two 64-value steps of the vector loop, with every kind of tail; values
        // just outside and far outside the range (the unsigned compare must not wrap them in).
        var outside = new[] { 17, -17, int.MaxValue, int.MinValue };
        for (int length = 1; length < 150; length++)
        {
            for (int bad = 0; bad < length; bad++)
            {
                var values = Enumerable.Repeat(16, length).ToArray();
                values[bad] = outside[bad % outside.Length];
                if (bad + 1 < length)
                {
                    values[length - 1] = -17; // a later one must not be reported instead
                }

                Assert.Equal(bad, NetworkArguments.FirstOutOfRange(values, -16, 16));
            }

            Assert.Equal(-1, NetworkArguments.FirstOutOfRange(Enumerable.Repeat(-16, length).ToArray(), -16, 16));
            Assert.Equal(-1, NetworkArguments.FirstOutOfRange(Enumerable.Range(0, length).ToArray(), 0, length - 1));
        }

        Assert.Equal(-1, NetworkArguments.FirstOutOfRange(new[] { int.MinValue, int.MaxValue, 0 }, int.MinValue, int.MaxValue));
        Assert.Equal(0, NetworkArguments.FirstOutOfRange(new[] { 5 }, 6, 4));
        Assert.Equal(-1, NetworkArguments.FirstOutOfRange(Array.Empty<int>(), 6, 4));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkArguments.CheckBatch(new[] { 0, 0, 0, 99 }, new int[2], 2, 1, -16, 16, 4));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("sample 1, input 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, NetworkArguments.CheckBatch(new int[4], new int[2], 2, 1, -16, 16, 4));
    }

    [Fact]
    public void Kernel_scratch_grows_and_rejects_negative_arguments()
    {
        Assert.Equal(10, KernelScratch<int>.Get(3, 10).Length);
        Assert.Equal(1000, KernelScratch<int>.Get(3, 1000).Length);
        Assert.Equal("slot", Assert.Throws<ArgumentOutOfRangeException>(() => KernelScratch<int>.Get(-1, 1)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => KernelScratch<int>.Get(0, -1)).ParamName);
    }
}
