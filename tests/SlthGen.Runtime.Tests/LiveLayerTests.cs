using System;
using System.Collections.Generic;
using System.Linq;

namespace SlthGen.Tests;

/// <summary>
/// The kernels' description of a ticket: dead rows dropped, identical hidden rows computed once
/// (the next layer reads the shared value once per kept weight), the output layer whole. Checked
/// by hand on a small layer and, on random tickets of both constructions, by an interpreter of
/// the live layers against the ticket itself.
/// </summary>
public class LiveLayerTests
{
    [Fact]
    public void Identical_hidden_rows_share_one_value_and_the_next_layer_reads_it_per_kept_weight()
    {
        // Hidden rows (2 inputs + constant channel at column 2): 0 = 3·x0, 1 = 3·x0 (same as 0),
        // 2 = 2·x1, 3 = nothing (dead), 4 = 3·x0 + constant (differs from 0), 5 = 2·x1 (same as 2).
        var hidden = TicketLayer.Create(1, 6, 3, relu: true, shift: 0, new[] { 0, 1, 2, 3, 3, 5, 6 }, new[] { 0, 0, 1, 0, 2, 1 }, new long[] { 3, 3, 2, 3, 1, 2 });

        // Outputs: 0 = 1·h0 + 1·h1 + 4·h5, 1 = 1·h1, 2 = 5·h3 (reads only the dead row).
        var output = TicketLayer.Create(2, 3, 6, relu: false, shift: 0, new[] { 0, 3, 4, 5 }, new[] { 0, 1, 5, 1, 3 }, new long[] { 1, 1, 4, 1, 5 });
        var live = LiveLayer.Build(new[] { hidden, output }, inputCount: 2, constantChannel: true, constantValue: 16);

        Assert.Equal(3, live[0].Rows.Count);
        Assert.Equal(2, live[0].SharedRows);
        Assert.Equal(new[] { 0, 0, 1, LiveLayer.Dead, 2, 1 }, live[0].OutputMap);
        Assert.Equal(16, live[0].Rows[2].Constant);
        Assert.Equal(3, live[0].TermCount);

        // The last layer keeps every row, even one that always outputs 0, and never shares.
        Assert.Equal(3, live[1].Rows.Count);
        Assert.Equal(0, live[1].SharedRows);
        var first = live[1].Rows[0].Groups;
        Assert.Equal(new long[] { 1, 4 }, first.Select(g => g.Weight));
        Assert.Equal(new[] { 0, 0 }, first[0].Sources);
        Assert.Equal(new[] { 1 }, first[1].Sources);
        Assert.Empty(live[1].Rows[2].Groups);
        Assert.Equal(4, live[1].TermCount);
    }

    [Theory]
    [InlineData(TicketConstruction.Depth2L, 1)]
    [InlineData(TicketConstruction.Depth2L, 2)]
    [InlineData(TicketConstruction.Depth2L, 3)]
    [InlineData(TicketConstruction.DepthLPlus1, 1)]
    [InlineData(TicketConstruction.DepthLPlus1, 4)]
    public void Live_layers_compute_the_ticket_and_no_two_hidden_rows_are_alike(TicketConstruction construction, int seed)
    {
        var random = new SeededRandom(seed);
        bool signed = seed % 2 == 0;
        var target = TicketBuilderTests.RandomTarget(random, layers: 1 + (seed % 3), maxWidth: 7, targetBits: 4, biases: seed > 2, inputMin: signed ? -16 : 0, inputMax: 16);
        int ticketBits = construction == TicketConstruction.Depth2L ? 2 : 4;
        var ticket = TicketBuilder.BuildOrThrow(target, new TicketSettings(seed, construction, new Precision(8), new Precision(ticketBits)));
        var live = LiveLayer.Build(ticket.Layers, target.InputCount, ticket.ConstantChannel, target.Activation.One);

        int shared = 0;
        for (int l = 0; l < live.Length - 1; l++)
        {
            var shapes = live[l].Rows.Select(Shape).ToList();
            Assert.Equal(shapes.Count, shapes.Distinct().Count());
            shared += live[l].SharedRows;
            Assert.Equal(ticket.Layers[l].Rows, live[l].OutputMap.Length);
        }

        Assert.Equal(target.OutputCount, live[^1].Rows.Count);
        if (construction == TicketConstruction.Depth2L)
        {
            Assert.True(shared > 0, "Theorem 1's first layer has neurons ReLU(a·x_j) with equal a and j");
        }

        var output = new long[target.OutputCount];
        foreach (var sample in InputSpace.Sample(target, 64, seed).Take(64))
        {
            ticket.Evaluate(sample, output);
            Assert.Equal(output, Run(live, sample));
        }
    }

    private static string Shape(LiveLayer.Row row) =>
        row.Constant + ":" + string.Join(";", row.Groups.Select(g => g.Weight + "=" + string.Join(",", g.Sources)));

    /// <summary>The live layers as written: constant, then per group weight × the sum of its sources, then ReLU and the floor.</summary>
    private static long[] Run(LiveLayer[] live, IReadOnlyList<long> input)
    {
        var x = input.ToArray();
        foreach (var layer in live)
        {
            var y = new long[layer.Rows.Count];
            for (int r = 0; r < y.Length; r++)
            {
                var row = layer.Rows[r];
                long sum = row.Constant;
                foreach (var group in row.Groups)
                {
                    sum += group.Weight * group.Sources.Sum(s => x[s]);
                }

                sum = layer.Relu ? Math.Max(sum, 0) : sum;
                y[r] = sum >> layer.Shift;
            }

            x = y;
        }

        return x;
    }
}
