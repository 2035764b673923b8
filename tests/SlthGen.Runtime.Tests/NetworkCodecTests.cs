using System;
using System.Linq;
using CsCheck;

namespace SlthGen.Tests;

/// <summary>The compact form generated code carries its data in: round trips, and damage is a FormatException.</summary>
public class NetworkCodecTests
{
    [Fact]
    public void Ticket_layers_round_trip()
    {
        Gen.Int[1, 40].SelectMany(rows => Gen.Int[1, 300].SelectMany(columns => Gen.Int[0, 1 << 20].Select(seed => (rows, columns, seed))))
            .Sample(c =>
            {
                var random = new SeededRandom(c.seed);
                var rowStart = new int[c.rows + 1];
                var cols = new System.Collections.Generic.List<int>();
                var weights = new System.Collections.Generic.List<long>();
                bool wide = random.NextInclusive(0, 1) == 1;
                for (int r = 0; r < c.rows; r++)
                {
                    for (int j = 0; j < c.columns; j++)
                    {
                        if (random.NextInclusive(0, 9) == 0)
                        {
                            cols.Add(j);
                            weights.Add(wide ? random.NextInclusive(-100000, 100000) : random.NextInclusive(-8, 7));
                        }
                    }

                    rowStart[r + 1] = cols.Count;
                }

                var layer = TicketLayer.Create(3, c.rows, c.columns, c.rows % 2 == 0, c.columns % 5, rowStart, cols.ToArray(), weights.ToArray());
                byte[] data = NetworkCodec.EncodeTicket(new Action<CompactWriter>[] { w => NetworkCodec.WriteTicketLayer(w, 3, layer.Rows, layer.Columns, layer.Relu, layer.Shift, rowStart, cols, weights) });
                var back = NetworkCodec.DecodeTicket(data).Single();
                Assert.Equal((layer.GLayer, layer.Rows, layer.Columns, layer.Relu, layer.Shift), (back.GLayer, back.Rows, back.Columns, back.Relu, back.Shift));
                Assert.Equal(layer.RowStart.ToArray(), back.RowStart.ToArray());
                Assert.Equal(layer.ColumnIndices.ToArray(), back.ColumnIndices.ToArray());
                Assert.Equal(layer.Weights.ToArray(), back.Weights.ToArray());
            },
            iter: 200);
    }

    [Fact]
    public void Target_round_trips_through_the_public_decoder()
    {
        var target = TicketBuilderTests.Xor();
        byte[] data = NetworkCodec.EncodeTarget(target.Layers.Select(l => (l.Inputs, l.Outputs, (System.Collections.Generic.IReadOnlyList<long>)l.Weights.ToArray(), l.HasBiases ? (System.Collections.Generic.IReadOnlyList<long>?)l.Biases.ToArray() : null)).ToList());
        var back = NetworkData.Target(Convert.ToBase64String(data), target.TargetPrecision, target.Activation, target.InputMin, target.InputMax);
        Assert.Equal(target.Layers.Count, back.Layers.Count);
        for (int i = 0; i < target.Layers.Count; i++)
        {
            Assert.Equal(target.Layers[i].Weights.ToArray(), back.Layers[i].Weights.ToArray());
            Assert.Equal(target.Layers[i].HasBiases, back.Layers[i].HasBiases);
            Assert.Equal(target.Layers[i].Biases.ToArray(), back.Layers[i].Biases.ToArray());
        }

        Assert.Equal(new[] { 16, -16, -16, 16 }, NetworkData.Int32Weights(back, 0));
        Assert.Null(NetworkData.Int32Biases(back, 1));
        Assert.Equal("layer", Assert.Throws<ArgumentOutOfRangeException>(() => NetworkData.Int32Weights(back, 2)).ParamName);
    }

    [Fact]
    public void Every_truncation_and_every_flipped_byte_is_a_format_error_or_a_valid_ticket()
    {
        var ticket = TicketBuilder.BuildOrThrow(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)));
        byte[] data = NetworkCodec.EncodeTicket(ticket.Layers.Select(l => (Action<CompactWriter>)(w => NetworkCodec.WriteTicketLayer(w, l.GLayer, l.Rows, l.Columns, l.Relu, l.Shift, l.RowStart.ToArray(), l.ColumnIndices.ToArray(), l.Weights.ToArray()))).ToList());
        for (int n = 0; n < data.Length; n++)
        {
            Assert.ThrowsAny<Exception>(() => NetworkCodec.DecodeTicket(data.AsSpan(0, n)));
        }

        for (int i = 0; i < data.Length; i++)
        {
            var damaged = (byte[])data.Clone();
            damaged[i] ^= 0xA5;
            try
            {
                NetworkCodec.DecodeTicket(damaged);
            }
            catch (Exception e)
            {
                Assert.True(e is FormatException or ArgumentException or OverflowException, e.GetType().Name + ": " + e.Message);
            }
        }

        Assert.Throws<FormatException>(() => NetworkData.Ticket("not base64!", ticket.Target, ticket.Settings, ticket.Info));
    }
}
