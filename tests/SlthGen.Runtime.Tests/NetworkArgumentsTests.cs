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
        for (int length = 1; length < 70; length++)
        {
            for (int bad = 0; bad < length; bad++)
            {
                var values = Enumerable.Repeat(16, length).ToArray();
                values[bad] = bad % 2 == 0 ? 17 : -17;
                Assert.Equal(bad, NetworkArguments.FirstOutOfRange(values, -16, 16));
            }

            Assert.Equal(-1, NetworkArguments.FirstOutOfRange(Enumerable.Repeat(-16, length).ToArray(), -16, 16));
        }

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
