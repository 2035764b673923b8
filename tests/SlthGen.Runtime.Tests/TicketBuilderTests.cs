using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace SlthGen.Tests;

public class TicketBuilderTests
{
    internal static TargetNetwork Xor(bool biases = true) => new(
        new[]
        {
            new TargetLayer(2, 2, new long[] { 16, -16, -16, 16 }, biases ? new long[] { 0, 0 } : null),
            new TargetLayer(2, 1, new long[] { 16, 16 }),
        },
        new Precision(4),
        new Precision(4),
        -16,
        16);

    [Theory]
    [InlineData(TicketConstruction.Depth2L)]
    [InlineData(TicketConstruction.DepthLPlus1)]
    public void Xor_ticket_equals_its_target_on_every_input(TicketConstruction construction)
    {
        int ticketBits = construction == TicketConstruction.Depth2L ? 2 : 4;
        var settings = new TicketSettings(42, construction, new Precision(8), new Precision(ticketBits));
        var ticket = TicketBuilder.BuildOrThrow(Xor(), settings);
        var result = TicketVerifier.VerifyFunction(ticket);
        Assert.True(result.Passed, result.Failure);
        Assert.True(result.Exhaustive);
        Assert.Equal(33 * 33, result.InputsChecked);
        Assert.Null(TicketVerifier.VerifyWeights(ticket));
        Assert.Equal(construction == TicketConstruction.Depth2L ? 4 : 3, ticket.Layers.Count);
        Assert.True(ticket.Info.KeptParameters < ticket.Info.GParameters);
    }

    [Fact]
    public void Tampering_with_a_kept_weight_is_caught()
    {
        var ticket = TicketBuilder.BuildOrThrow(Xor(), new TicketSettings(1, TicketConstruction.Depth2L, new Precision(6), new Precision(2)));
        var layer = ticket.Layers[1];
        var weights = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(layer.Weights), layer.Weights.Length);
        weights[0] += 1;
        Assert.NotNull(TicketVerifier.VerifyWeights(ticket));
        Assert.False(TicketVerifier.VerifyFunction(ticket).Passed);
    }

    [Fact]
    public void Results_do_not_depend_on_thread_count_or_run()
    {
        var target = RandomTarget(new SeededRandom(3), layers: 3, maxWidth: 6, targetBits: 5, biases: true, inputMin: -4, inputMax: 4);
        string Fingerprint(int threads)
        {
            var s = new TicketSettings(11, TicketConstruction.Depth2L, new Precision(6), new Precision(3)) { MaxDegreeOfParallelism = threads };
            var t = TicketBuilder.BuildOrThrow(target, s);
            return string.Join("|", t.Layers.Select(l => string.Join(",", l.RowStart.ToArray()) + ";" + string.Join(",", l.ColumnIndices.ToArray()) + ";" + string.Join(",", l.Weights.ToArray())));
        }

        string one = Fingerprint(1);
        Assert.Equal(one, Fingerprint(-1));
        Assert.Equal(one, Fingerprint(2));
        Assert.Equal(one, Fingerprint(1));
    }

    [Fact]
    public void Random_small_targets_give_exact_tickets_for_both_constructions()
    {
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 8], Gen.Int[1, 8], Gen.Bool, Gen.Int[0, 2], Gen.Long)
            .Sample(
                (layers, width, t, biases, range, seed) =>
                {
                    var random = new SeededRandom(seed);
                    (long min, long max) = range switch { 0 => (-4L, 4L), 1 => (0L, 6L), _ => (-2L, 3L) };
                    var target = RandomTarget(random, layers, width, t, biases, min, max);
                    foreach (var construction in new[] { TicketConstruction.Depth2L, TicketConstruction.DepthLPlus1 })
                    {
                        int bits = construction == TicketConstruction.Depth2L ? (t + 1) / 2 : t;
                        var settings = new TicketSettings(seed, construction, new Precision(bits + 2), new Precision(bits));
                        var ticket = TicketBuilder.BuildOrThrow(target, settings);
                        var verified = TicketVerifier.VerifyFunction(ticket, samples: 300, seed: seed);
                        if (!verified.Passed)
                        {
                            throw new InvalidOperationException($"{construction}: {verified.Failure}");
                        }

                        if (TicketVerifier.VerifyWeights(ticket) is { } bad)
                        {
                            throw new InvalidOperationException(bad);
                        }
                    }
                },
                iter: 60);
    }

    internal static TargetNetwork RandomTarget(SeededRandom random, int layers, int maxWidth, int targetBits, bool biases, long inputMin, long inputMax)
    {
        long one = 1L << targetBits;
        var list = new List<TargetLayer>();
        int inputs = (int)random.NextInclusive(1, maxWidth);
        for (int i = 0; i < layers; i++)
        {
            int outputs = (int)random.NextInclusive(1, maxWidth);
            var w = new long[inputs * outputs];
            for (int k = 0; k < w.Length; k++)
            {
                // Favour the edge cases: zeros and ±1 are a quarter of the weights.
                w[k] = random.NextBelow(4) == 0 ? new[] { 0L, one, -one }[random.NextBelow(3)] : random.NextInclusive(-one, one);
            }

            long[]? b = biases && random.NextBelow(2) == 0 ? Enumerable.Range(0, outputs).Select(_ => random.NextInclusive(-one, one)).ToArray() : null;
            list.Add(new TargetLayer(inputs, outputs, w, b));
            inputs = outputs;
        }

        return new TargetNetwork(list, new Precision(targetBits), new Precision(3), inputMin, inputMax);
    }
}
