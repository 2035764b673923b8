using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// A ticket layer as kernels run it: only live rows (rows with a kept weight on a live input, or
/// a constant), renumbered densely, each row's terms grouped by weight value. A row of g with no
/// kept weight always outputs 0 and every term reading it is 0, so dropping both is exact.
/// Terms on the constant channel are folded into one constant per row. The generator's unrolled
/// code and the runtime's table kernels both run on this one description.
/// <para>
/// Rows of a hidden layer with the same terms and constant compute the same value for every
/// input, so they are computed once: the later rows map to the first, and the next layer reads
/// that one value once per kept weight (its terms do not change). Theorem 1's first layer of a
/// pair is mostly such rows: each neuron is ReLU(a·x_j) with a one of the few values at
/// precision δ (digits: 785 neurons, 199 distinct; the 784-500-10 ticket: about 98,000 and
/// about 3,000), so the hidden layer the next layer reads shrinks from main memory or L2 to L1.
/// The last layer's rows are the network's outputs and are all kept.
/// </para>
/// </summary>
internal sealed class LiveLayer
{
    /// <summary>An input map entry for the constant channel.</summary>
    public const int Constant = -2;

    /// <summary>An input map entry for a dead neuron (always 0).</summary>
    public const int Dead = -1;

    private LiveLayer(int gLayer, bool relu, int shift, bool isLast, Row[] rows, int[] outputMap, int inputCount, long termCount, int sharedRows)
    {
        SharedRows = sharedRows;
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

    /// <summary>Terms the kernels compute: kept weights on live, non-constant inputs, of the live rows (a shared row's terms are not counted again).</summary>
    public long TermCount { get; }

    /// <summary>Rows of g that compute the same value as an earlier live row and share it instead of being computed again.</summary>
    public int SharedRows { get; }

    /// <summary>For every row of g, the index of the live row that computes its value, or <see cref="Dead"/>.</summary>
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
        int shared = 0;
        var groups = new SortedDictionary<long, List<int>>();
        var firstWithShape = new Dictionary<Row, int>(RowShape.Instance);
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

            if (!isLast && count == 0 && constant == 0)
            {
                outputMap[r] = Dead;
                continue;
            }

            var rowGroups = new Group[groups.Count];
            int g = 0;
            foreach (var pair in groups)
            {
                var sources = pair.Value.ToArray();

                // Sources ascending within a group: equal groups then have equal arrays (an
                // earlier layer's shared rows can put one source in a group several times).
                Array.Sort(sources);
                rowGroups[g++] = new Group(pair.Key, sources);
            }

            var row = new Row(r, constant, rowGroups);
            if (!isLast && firstWithShape.TryGetValue(row, out int first))
            {
                outputMap[r] = first;
                shared++;
                continue;
            }

            outputMap[r] = rows.Count;
            if (!isLast)
            {
                firstWithShape.Add(row, rows.Count);
            }

            rows.Add(row);
            terms += count;
        }

        return new LiveLayer(layer.GLayer, layer.Relu, layer.Shift, isLast, rows.ToArray(), outputMap, inputCount, terms, shared);
    }

    /// <summary>Rows equal in constant and terms (not in g's row index): they compute the same value.</summary>
    private sealed class RowShape : IEqualityComparer<Row>
    {
        public static readonly RowShape Instance = new();

        public bool Equals(Row? a, Row? b)
        {
            if (a is null || b is null)
            {
                return a is null && b is null;
            }

            if (a.Constant != b.Constant || a.Groups.Length != b.Groups.Length)
            {
                return false;
            }

            for (int g = 0; g < a.Groups.Length; g++)
            {
                var x = a.Groups[g];
                var y = b.Groups[g];
                if (x.Weight != y.Weight || x.Sources.Length != y.Sources.Length)
                {
                    return false;
                }

                for (int e = 0; e < x.Sources.Length; e++)
                {
                    if (x.Sources[e] != y.Sources[e])
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public int GetHashCode(Row row)
        {
            // FNV-1a over the values (netstandard2.0 has no System.HashCode); equality decides.
            uint hash = 2166136261;
            hash = (hash ^ (uint)row.Constant ^ (uint)(row.Constant >> 32)) * 16777619;
            foreach (var group in row.Groups)
            {
                hash = (hash ^ (uint)group.Weight ^ (uint)(group.Weight >> 32)) * 16777619;
                foreach (int source in group.Sources)
                {
                    hash = (hash ^ (uint)source) * 16777619;
                }
            }

            return (int)hash;
        }
    }
}
