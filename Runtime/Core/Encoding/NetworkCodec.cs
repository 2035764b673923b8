using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// The compact form in which generated code carries a network's data, each value once: the
/// ticket's kept weights with their coordinates in g (CSR, columns delta-coded, weights as
/// nibbles when they fit) and the target's weights and biases. The generator encodes; the
/// runtime decodes once, at first use, into the <see cref="Ticket"/> and
/// <see cref="TargetNetwork"/> that the kernels and the checks read.
/// </summary>
internal static class NetworkCodec
{
    private const int Version = 1;

    /// <summary>One ticket layer in CSR form, g's coordinates.</summary>
    public static void WriteTicketLayer(CompactWriter w, int gLayer, int rows, int columns, bool relu, int shift, IReadOnlyList<int> rowStart, IReadOnlyList<int> columnIndices, IReadOnlyList<long> weights)
    {
        w.UInt((ulong)gLayer);
        w.UInt((ulong)rows);
        w.UInt((ulong)columns);
        w.Byte(relu ? 1 : 0);
        w.UInt((ulong)shift);
        w.UInt((ulong)weights.Count);
        for (int r = 0; r < rows; r++)
        {
            w.UInt((ulong)(rowStart[r + 1] - rowStart[r]));
        }

        // A row's first column relative to the previous row's first column (block-diagonal
        // layers then cost one byte a row), later columns as gaps.
        int previousFirst = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++)
            {
                if (e == rowStart[r])
                {
                    w.Int(columnIndices[e] - previousFirst);
                    previousFirst = columnIndices[e];
                }
                else
                {
                    w.UInt((ulong)(columnIndices[e] - columnIndices[e - 1] - 1));
                }
            }
        }

        w.Values(weights);
    }

    public static byte[] EncodeTicket(IReadOnlyList<Action<CompactWriter>> layers)
    {
        var w = new CompactWriter();
        w.UInt(Version);
        w.UInt((ulong)layers.Count);
        foreach (var layer in layers)
        {
            layer(w);
        }

        return w.ToArray();
    }

    public static TicketLayer[] DecodeTicket(ReadOnlySpan<byte> data)
    {
        var r = new CompactReader(data);
        CheckVersion(ref r);
        int count = r.Count(1024, "the layer count");
        var layers = new TicketLayer[count];
        for (int i = 0; i < count; i++)
        {
            int gLayer = r.Count(int.MaxValue, "a layer number");
            int rows = r.Count(r.MaxValuesLeft, "a row count");
            int columns = r.Count(int.MaxValue, "a column count");
            bool relu = r.Byte() != 0;
            int shift = r.Count(62, "a shift");
            int kept = r.Count(r.MaxValuesLeft, "a kept-weight count");
            var rowStart = new int[rows + 1];
            for (int row = 0; row < rows; row++)
            {
                rowStart[row + 1] = checked(rowStart[row] + r.Count(kept, "a row length"));
            }

            if (rowStart[rows] != kept)
            {
                throw CompactReader.Damaged($"layer {gLayer}'s rows hold {rowStart[rows]} weights, not {kept}");
            }

            var columnIndices = new int[kept];
            long previousFirst = 0;
            for (int row = 0; row < rows; row++)
            {
                for (int e = rowStart[row]; e < rowStart[row + 1]; e++)
                {
                    long column = e == rowStart[row] ? previousFirst + r.Int() : columnIndices[e - 1] + 1 + (long)r.UInt();
                    if (column < 0 || column >= columns)
                    {
                        throw CompactReader.Damaged($"layer {gLayer} has column {column} outside [0, {columns})");
                    }

                    columnIndices[e] = (int)column;
                    if (e == rowStart[row])
                    {
                        previousFirst = column;
                    }
                }
            }

            var weights = new long[kept];
            r.Values(weights);
            layers[i] = TicketLayer.Create(gLayer, rows, columns, relu, shift, rowStart, columnIndices, weights);
        }

        CheckEnd(ref r);
        return layers;
    }

    /// <summary>The target's layers: shape, weights (row-major [output][input]) and optional biases.</summary>
    public static byte[] EncodeTarget(IReadOnlyList<(int Inputs, int Outputs, IReadOnlyList<long> Weights, IReadOnlyList<long>? Biases)> layers)
    {
        var w = new CompactWriter();
        w.UInt(Version);
        w.UInt((ulong)layers.Count);
        foreach (var (inputs, outputs, weights, biases) in layers)
        {
            w.UInt((ulong)inputs);
            w.UInt((ulong)outputs);
            w.Byte(biases is null ? 0 : 1);
            w.Values(weights);
            if (biases is not null)
            {
                w.Values(biases);
            }
        }

        return w.ToArray();
    }

    public static (int Inputs, int Outputs, long[] Weights, long[]? Biases)[] DecodeTarget(ReadOnlySpan<byte> data)
    {
        var r = new CompactReader(data);
        CheckVersion(ref r);
        int count = r.Count(1024, "the layer count");
        var layers = new (int, int, long[], long[]?)[count];
        for (int i = 0; i < count; i++)
        {
            int inputs = r.Count(int.MaxValue, "an input count");
            int outputs = r.Count(int.MaxValue, "an output count");
            long size = (long)inputs * outputs;
            if (size > r.MaxValuesLeft)
            {
                throw CompactReader.Damaged($"layer {i + 1} declares {size} weights, more than the data holds");
            }

            bool hasBiases = r.Byte() != 0;
            var weights = new long[size];
            r.Values(weights);
            long[]? biases = null;
            if (hasBiases)
            {
                biases = new long[outputs];
                r.Values(biases);
            }

            layers[i] = (inputs, outputs, weights, biases);
        }

        CheckEnd(ref r);
        return layers;
    }

    private static void CheckVersion(ref CompactReader r)
    {
        ulong version = r.UInt();
        if (version != Version)
        {
            throw CompactReader.Damaged($"format version {version} is not {Version}; rebuild the project so the generator and the runtime library match");
        }
    }

    private static void CheckEnd(ref CompactReader r)
    {
        if (!r.AtEnd)
        {
            throw CompactReader.Damaged("bytes are left after the last layer");
        }
    }
}
