using System;
using System.Collections.Generic;
using System.Linq;

namespace SlthGen.Tests;

/// <summary>
/// The runtime's table kernels against the interpreted ticket (64-bit, one layer after the
/// other, checked arithmetic): one sample, every batch size that exercises each lane width and
/// the scalar tail, fused and unfused, 32- and 64-bit lanes, both constructions.
/// </summary>
public class TicketProgramTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var construction in new[] { TicketConstruction.Depth2L, TicketConstruction.DepthLPlus1 })
        {
            foreach (int seed in new[] { 1, 2, 3, 4 })
            {
                yield return new object[] { construction, seed };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Program_equals_the_interpreted_ticket(TicketConstruction construction, int seed)
    {
        var random = new SeededRandom(seed);
        bool signed = seed % 2 == 0;
        var target = TicketBuilderTests.RandomTarget(random, layers: 1 + (seed % 3), maxWidth: 7, targetBits: 4, biases: seed > 2, inputMin: signed ? -16 : 0, inputMax: 16);
        int ticketBits = construction == TicketConstruction.Depth2L ? 2 : 4;
        var ticket = TicketBuilder.BuildOrThrow(target, new TicketSettings(seed, construction, new Precision(8), new Precision(ticketBits)));
        foreach (bool fuse in new[] { true, false })
        {
            var program = TicketProgram.Create(ticket, fuse);
            Assert.True(!fuse || program.FusedStages >= 1, "the first layer is block-diagonal in both constructions");
            AssertEqualsTicket(ticket, program, seed);
        }
    }

    [Fact]
    public void Hidden_tiles_in_16_bits_sum_no_more_values_than_the_proof_allows()
    {
        // Inputs up to 2^13 (units of 2^-4): the first layer's neurons reach about 2^14, so a
        // 16-bit sum may add only a handful of them and B's longer groups are cut into chunks.
        var random = new SeededRandom(7);
        var target = TicketBuilderTests.RandomTarget(random, layers: 2, maxWidth: 7, targetBits: 4, biases: true, inputMin: 0, inputMax: 1 << 13);
        var ticket = TicketBuilder.BuildOrThrow(target, new TicketSettings(7, TicketConstruction.Depth2L, new Precision(8), new Precision(2)));
        var program = TicketProgram.Create(ticket);
        var fused = program.BatchStages.OfType<BlockStage>().ToList();
        Assert.NotEmpty(fused);
        Assert.All(fused, block => Assert.InRange(block.NarrowChunk, 1, 16));
        Assert.Contains(fused, block => block.LongestGroup > block.NarrowChunk);
        AssertEqualsTicket(ticket, program, 7);

        // Small inputs: the same construction keeps its tiles in 16 bits with long chunks.
        var small = TicketProgram.Create(TicketBuilder.BuildOrThrow(TicketBuilderTests.RandomTarget(new SeededRandom(7), 2, 7, 4, true, 0, 16), ticket.Settings));
        Assert.All(small.BatchStages.OfType<BlockStage>(), block => Assert.True(block.NarrowChunk > 16));
    }

    [Fact]
    public void Sums_beyond_int32_run_on_64_bit_lanes()
    {
        // Inputs up to 2^27 (units of 2^-4): the ticket's sums leave int32, its outputs (2x) do not.
        var target = new TargetNetwork(
            new[] { new TargetLayer(2, 2, new long[] { 16, 16, 16, -16 }), new TargetLayer(2, 1, new long[] { 16, 16 }) },
            new Precision(4),
            new Precision(4),
            -(1L << 27),
            1L << 27);
        var ticket = TicketBuilder.BuildOrThrow(target, new TicketSettings(5, TicketConstruction.Depth2L, new Precision(8), new Precision(2)));
        var program = TicketProgram.Create(ticket);
        Assert.True(program.LongLanes);
        AssertEqualsTicket(ticket, program, 9);
    }

    [Fact]
    public void Create_rejects_null()
    {
        var e = Assert.Throws<ArgumentNullException>(() => TicketProgram.Create(null!));
        Assert.Equal("ticket", e.ParamName);
    }

    private static void AssertEqualsTicket(Ticket ticket, TicketProgram program, int seed)
    {
        var target = ticket.Target;
        int din = target.InputCount, dout = target.OutputCount;
        var samples = InputSpace.Sample(target, 97, seed).Take(97).ToList();
        var expected = new List<int>();
        var output = new long[dout];
        foreach (var sample in samples)
        {
            ticket.Evaluate(sample, output);
            expected.AddRange(output.Select(v => checked((int)v)));
        }

        var inputs = samples.SelectMany(s => s.Select(v => checked((int)v))).ToArray();
        var one = new int[dout];
        var scalar = new int[dout];
        for (int s = 0; s < samples.Count; s++)
        {
            program.EvaluateUnchecked(inputs.AsSpan(s * din, din), one);
            Assert.Equal(expected.Skip(s * dout).Take(dout), one);
            program.EvaluateScalar(inputs.AsSpan(s * din, din), scalar);
            Assert.Equal(one, scalar);
        }

        // 97 samples = 64 (four Vector512s) + 2·16 (Vector512) + 1, and every prefix length below 40 for the narrower widths and the tail.
        foreach (int count in Enumerable.Range(0, 40).Append(samples.Count))
        {
            var batch = new int[count * dout];
            program.EvaluateBatchUnchecked(inputs.AsSpan(0, count * din), batch);
            Assert.Equal(expected.Take(count * dout), batch);
        }
    }
}
