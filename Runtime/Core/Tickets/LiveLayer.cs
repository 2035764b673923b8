using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// A ticket layer as kernels run it: only live rows (rows with a kept weight on a live input, or
/// a constant), renumbered densely, each row's terms grouped by weight value. A row of g with no
/// kept weight always outputs 0 and every term reading it is 0, so dropping both is exact.
/// Terms on the constant channel are folded into one constant per row. The generator's unrolled
/// code and the runtime's table kernels both run on this one description.
/// </summary>
internal sealed class LiveLayer
{
    /// <summary>An input map entry for the constant channel.</summary>
    public const int Constant = -2;

    /// <summary>An input map entry for a dead neuron (always 0).</summary>
    public const int Dead = -1;

    private LiveLayer(int gLayer, bool relu, int shift, bool isLast, Row[] rows, int[] outputMap, int inputCount, long termCount)
    {
        GLayer = gLayer;
        Relu = relu;
        Shift = shift;
        IsLast = isLast;
        Rows = rows;
        OutputMap = outputMap;
        InputCount = inputCount;
        TermCount = termCount;
    }

    public int GLayer { get; }

    public bool Relu { get; }

    public int Shift { get; }

    public bool IsLast { get; }

    public IReadOnlyList<Row> Rows { get; }

    /// <summary>The number of live inputs the rows read.</summary>
    public int InputCount { get; }

    /// <summary>Terms (kept weights on live, non-constant inputs).</summary>
    public long TermCount { get; }

    /// <summary>For every row of g, its index among the live rows, or <see cref="Dead"/>.</summary>
    public int[] OutputMap { get; }

    /// <summary>A live row: g's row index, the folded constant, and the terms grouped by weight.</summary>
    /// <param name="GRow">The row's index in g's layer.</param>
    /// <param name="Constant">The constant channel's contribution, in the layer's sum units.</param>
    /// <param name="Groups">Terms grouped by weight value, ascending; sources ascending within a group.</param>
    internal sealed record Row(int GRow, long Constant, Group[] Groups)
    {
        public int TermCount
        {
            get
            {
                int n = 0;
                foreach (var g in Groups)
                {
                    n += g.Sources.Length;
                }

                return n;
            }
        }
    }

    /// <summary>The inputs of a row that share one weight: the kernel sums them, then multiplies once.</summary>
    internal sealed record Group(long Weight, int[] Sources);

    /// <summary>
    /// The live form of every layer, chaining the live-row maps: layer i's sources are layer
    /// i−1's live rows. <paramref name="constantValue"/> is the constant channel's value (1 in units of γ).
    /// </summary>
    public static LiveLayer[] Build(IReadOnlyList<TicketLayer> layers, int inputCount, bool constantChannel, long constantValue)
    {
        var map = new int[inputCount + (constantChannel ? 1 : 0)];
        for (int j = 0; j < inputCount; j++)
        {
            map[j] = j;
        }

        if (constantChannel)
        {
            map[inputCount] = Constant;
        }

        int live = inputCount;
        var result = new LiveLayer[layers.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Create(layers[i], map, live, i == result.Length - 1, constantValue);
            map = result[i].OutputMap;
            live = result[i].Rows.Count;
        }

        return result;
    }

    private static LiveLayer Create(TicketLayer layer, int[] inputMap, int inputCount, bool isLast, long constantValue)
    {
        var rows = new List<Row>();
        var outputMap = new int[layer.Rows];
        var rowStart = layer.RowStart;
        var columns = layer.ColumnIndices;
        var weights = layer.Weights;
        long terms = 0;
        var groups = new SortedDictionary<long, List<int>>();
        for (int r = 0; r < layer.Rows; r++)
        {
            groups.Clear();
            long constant = 0;
            int count = 0;
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++)
            {
                int source = inputMap[columns[e]];
                if (source == Constant)
                {
                    constant = checked(constant + checked(weights[e] * constantValue));
                }
                else if (source >= 0)
                {
                    if (!groups.TryGetValue(weights[e], out var list))
                    {
                        groups[weights[e]] = list = new List<int>();
                    }

                    list.Add(source);
                    count++;
                }
            }

            bool live = isLast || count > 0 || constant != 0;
            outputMap[r] = live ? rows.Count : Dead;
            if (live)
            {
                var rowGroups = new Group[groups.Count];
                int g = 0;
                foreach (var pair in groups)
                {
                    rowGroups[g++] = new Group(pair.Key, pair.Value.ToArray());
                }

                rows.Add(new Row(r, constant, rowGroups));
                terms += count;
            }
        }

        return new LiveLayer(layer.GLayer, layer.Relu, layer.Shift, isLast, rows.ToArray(), outputMap, inputCount, terms);
    }
}
