using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace SlthGen.Tests;

/// <summary>
/// Adaptive and fixed block layouts (docs/random-network.md, section 5), automatic δ, and the
/// report's counts: every ticket is exact, keeps g's seeded weights, and puts every hidden neuron
/// where the documented assignment, replayed here independently of the builder, says it belongs.
/// </summary>
public class BlockLayoutTests
{
    [Fact]
    public void Random_targets_give_exact_tickets_in_both_layouts_and_both_constructions()
    {
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 7], Gen.Int[1, 6], Gen.Bool, Gen.Int[0, 2], Gen.Long)
            .Sample(
                (layers, width, t, biases, range, seed) =>
                {
                    var random = new SeededRandom(seed);
                    (long min, long max) = range switch { 0 => (-4L, 4L), 1 => (0L, 6L), _ => (-2L, 3L) };
                    var target = TicketBuilderTests.RandomTarget(random, layers, width, t, biases, min, max);
                    foreach (var construction in new[] { TicketConstruction.Depth2L, TicketConstruction.DepthLPlus1 })
                    {
                        foreach (var blocks in new[] { BlockLayout.Adaptive, BlockLayout.Fixed })
                        {
                            int bits = construction == TicketConstruction.Depth2L ? (t + 1) / 2 : t;
                            var settings = new TicketSettings(seed, construction, new Precision(bits + 2), new Precision(bits)) { Blocks = blocks };
                            var ticket = TicketBuilder.BuildOrThrow(target, settings);
                            var verified = TicketVerifier.VerifyFunction(ticket, samples: 200, seed: seed);
                            if (!verified.Passed)
                            {
                                throw new InvalidOperationException($"{construction}, {blocks}: {verified.Failure}");
                            }

                            if (TicketVerifier.VerifyWeights(ticket) is { } bad)
                            {
                                throw new InvalidOperationException(bad);
                            }

                            CheckDocumentedAssignment(ticket);
                            CheckCounts(ticket);
                        }
                    }
                },
                iter: 30);
    }

    [Fact]
    public void Adaptive_blocks_make_g_no_larger_than_fixed_blocks_on_a_wide_layer()
    {
        var target = TicketBuilderTests.RandomTarget(new SeededRandom(5), layers: 2, maxWidth: 24, targetBits: 4, biases: true, inputMin: -16, inputMax: 16);
        var adaptive = TicketBuilder.BuildOrThrow(target, new TicketSettings(9, TicketConstruction.Depth2L, new Precision(8), new Precision(2)));
        var fixedBlocks = TicketBuilder.BuildOrThrow(target, new TicketSettings(9, TicketConstruction.Depth2L, new Precision(8), new Precision(2)) { Blocks = BlockLayout.Fixed });
        Assert.Equal(BlockLayout.Adaptive, adaptive.Info.Blocks);
        Assert.Equal(BlockLayout.Fixed, fixedBlocks.Info.Blocks);
        Assert.True(adaptive.Info.GParameters < fixedBlocks.Info.GParameters, $"{adaptive.Info.GParameters} vs {fixedBlocks.Info.GParameters}");
        Assert.True(TicketVerifier.VerifyFunction(adaptive, samples: 500).Passed);
    }

    [Fact]
    public void A_given_width_uses_fixed_blocks()
    {
        var ticket = TicketBuilder.BuildOrThrow(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)) { HiddenPerInput = 60 });
        Assert.Equal(BlockLayout.Fixed, ticket.Info.Blocks);
        Assert.Equal(60, ticket.Info.HiddenPerInput[0]);
        Assert.Equal(3 * 60, ticket.Layers[0].Rows);
        CheckDocumentedAssignment(ticket);
    }

    [Theory]
    [InlineData(TicketConstruction.Depth2L, BlockLayout.Adaptive)]
    [InlineData(TicketConstruction.Depth2L, BlockLayout.Fixed)]
    [InlineData(TicketConstruction.DepthLPlus1, BlockLayout.Adaptive)]
    public void Automatic_precision_picks_the_delta_with_the_fewest_parameters_of_g(TicketConstruction construction, BlockLayout blocks)
    {
        var target = TicketBuilderTests.RandomTarget(new SeededRandom(17), layers: 2, maxWidth: 5, targetBits: 4, biases: false, inputMin: -8, inputMax: 8);
        var automatic = TicketBuilder.BuildOrThrow(target, new TicketSettings(3, construction, new Precision(8)) { Blocks = blocks });
        int chosen = automatic.Settings.Reduced.Bits;
        Assert.True(automatic.Info.AutomaticPrecision);
        Assert.False(automatic.Settings.ReducedIsAutomatic);
        Assert.Equal(chosen, automatic.Info.TicketBits);
        Assert.Contains($"reduced to δ = 2^-{chosen} (chosen automatically", automatic.Info.ToString(), StringComparison.Ordinal);
        int least = construction == TicketConstruction.Depth2L ? 2 : 4;
        Assert.InRange(chosen, least, 8);
        Assert.True(TicketVerifier.VerifyFunction(automatic).Passed);
        Assert.Null(TicketVerifier.VerifyWeights(automatic));

        // Every block of this small target is probed, so the choice is exact among the δ scanned:
        // no δ from the coarsest allowed up to two past the choice gives a smaller g (coarser wins ties).
        for (int b = least; b <= Math.Min(8, chosen + 2); b++)
        {
            var other = TicketBuilder.BuildOrThrow(target, new TicketSettings(3, construction, new Precision(8), new Precision(b)) { Blocks = blocks });
            Assert.True(other.Info.GParameters > automatic.Info.GParameters || (other.Info.GParameters == automatic.Info.GParameters && b >= chosen), $"δ = 2^-{b}: g {other.Info.GParameters}; chosen 2^-{chosen}: g {automatic.Info.GParameters}");
        }
    }

    [Fact]
    public void Automatic_precision_without_any_allowed_delta_names_the_rule()
    {
        var target = TicketBuilderTests.Xor();
        var error = Assert.Throws<ArgumentException>(() => TicketBuilder.Build(target, new TicketSettings(1, TicketConstruction.DepthLPlus1, new Precision(3))));
        Assert.Equal("settings", error.ParamName);
        Assert.Contains("Theorem 2 needs δ ≤ δt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_of_Theorem_2_names_copies_not_a_zero_width()
    {
        var ticket = TicketBuilder.BuildOrThrow(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.DepthLPlus1, new Precision(8), new Precision(4)));
        string report = ticket.Info.ToString();
        Assert.DoesNotContain("n = 0", report, StringComparison.Ordinal);
        Assert.DoesNotContain("= 0;", report, StringComparison.Ordinal);
        Assert.Contains($"layer 2: reads c = {ticket.Info.Copies[0]} copies of each input", report, StringComparison.Ordinal);
        Assert.Contains("g on the construction's support", report, StringComparison.Ordinal);
    }

    /// <summary>The report's counts agree with the layers: g dense, its support, the hidden widths.</summary>
    private static void CheckCounts(Ticket ticket)
    {
        var info = ticket.Info;
        long dense = ticket.Layers.Sum(l => l.DenseCount);
        Assert.Equal(dense, info.GParameters);
        long support = 0;
        for (int i = 0; i < ticket.Layers.Count; i++)
        {
            bool block = ticket.Settings.Construction == TicketConstruction.Depth2L ? i % 2 == 0 : i == 0;
            support += block ? ticket.Layers[i].Rows : ticket.Layers[i].DenseCount;
        }

        Assert.Equal(support, info.GSupportParameters);
        Assert.True(info.GSupportParameters <= info.GParameters);
        for (int i = 0; i < info.LayerShape.Length - 1; i++)
        {
            bool hasBlockLayer = ticket.Settings.Construction == TicketConstruction.Depth2L || i == 0;
            if (hasBlockLayer)
            {
                int aLayer = ticket.Settings.Construction == TicketConstruction.Depth2L ? 2 * i : 0;
                Assert.Equal(ticket.Layers[aLayer].Rows, info.HiddenWidth(i));
                Assert.True(info.ConstantC[i] >= 0);
            }
            else
            {
                Assert.Equal(0, info.HiddenPerInput[i]);
                Assert.Equal(info.Copies[i - 1] / (double)info.TicketBits, info.ConstantC[i]);
            }
        }
    }

    /// <summary>
    /// Replays docs/random-network.md's assignment from the report's widths and g's seeded weights
    /// alone, and checks that every kept weight of a block layer A lies on it: neuron h keeps only
    /// its weight to its own block's input (and never a weight whose sign does not match its side).
    /// </summary>
    internal static void CheckDocumentedAssignment(Ticket ticket)
    {
        var info = ticket.Info;
        var settings = ticket.Settings;
        var weights = new RandomWeights(settings.Seed, settings.Initial, settings.Construction == TicketConstruction.DepthLPlus1);
        for (int i = 0; i < info.LayerShape.Length - 1; i++)
        {
            bool hasBlockLayer = settings.Construction == TicketConstruction.Depth2L || i == 0;
            if (!hasBlockLayer)
            {
                continue;
            }

            int aIndex = settings.Construction == TicketConstruction.Depth2L ? 2 * i : 0;
            var a = ticket.Layers[aIndex];
            int d = a.Columns;
            var widths = info.BlockWidths(i).ToArray();
            Assert.Equal(d, widths.Length);
            var blockOf = new Dictionary<int, int>();
            if (info.Blocks == BlockLayout.Fixed)
            {
                Assert.All(widths, w => Assert.Equal(info.HiddenPerInput[i], w));
                Assert.Equal(widths[0] * d, a.Rows);
                for (int h = 0; h < a.Rows; h++)
                {
                    blockOf[h] = h % d;
                }
            }
            else
            {
                // Block j takes, among the neurons no earlier block took, the P_j lowest-indexed
                // with [A[h,j]]_δ > 0 and the N_j lowest-indexed with [A[h,j]]_δ < 0.
                var negatives = info.NegativeBlockWidths(i).ToArray();
                int largest = -1;
                for (int j = 0; j < d; j++)
                {
                    int positive = widths[j] - negatives[j], negative = negatives[j];
                    for (int h = 0; positive > 0 || negative > 0; h++)
                    {
                        if (blockOf.ContainsKey(h))
                        {
                            continue;
                        }

                        long w = weights.ReducedWeight(a.GLayer, h, j, settings.Reduced);
                        if (w > 0 && positive > 0)
                        {
                            positive--;
                        }
                        else if (w < 0 && negative > 0)
                        {
                            negative--;
                        }
                        else
                        {
                            continue;
                        }

                        blockOf[h] = j;
                        largest = Math.Max(largest, h);
                    }
                }

                Assert.Equal(largest + 1, a.Rows);
            }

            for (int h = 0; h < a.Rows; h++)
            {
                for (int e = a.RowStart[h]; e < a.RowStart[h + 1]; e++)
                {
                    Assert.True(blockOf.TryGetValue(h, out int j), $"M_{a.GLayer}: neuron {h} belongs to no block but keeps a weight");
                    Assert.Equal(j, a.ColumnIndices[e]);
                    Assert.NotEqual(0, a.Weights[e]);
                }
            }
        }
    }
}
