using System.Collections.Generic;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Emitting;

/// <summary>
/// A ticket layer as emitted code sees it: only live rows (rows with kept weights whose inputs
/// are live), renumbered densely, and each row's terms. A row of g with no kept weight always
/// outputs 0 and every term reading it is 0, so dropping both is exact. Terms that read the
/// constant channel are folded into one constant per row.
/// </summary>
internal sealed class LayerTerms
{
    public LayerTerms(PlanLayer layer, int[] inputMap, bool isLast, long constantValue)
    {
        Layer = layer;
        IsLast = isLast;
        var rows = new List<Row>();
        OutputMap = new int[layer.Rows];
        for (int r = 0; r < layer.Rows; r++)
        {
            var weights = new List<int>();
            var sources = new List<int>();
            long constant = 0;
            for (int e = layer.RowStart[r]; e < layer.RowStart[r + 1]; e++)
            {
                int source = inputMap[layer.ColumnIndices[e]];
                if (source == Constant)
                {
                    constant += layer.Weights[e] * constantValue;
                }
                else if (source >= 0)
                {
                    weights.Add(layer.Weights[e]);
                    sources.Add(source);
                }
            }

            bool live = isLast || weights.Count > 0 || constant != 0;
            OutputMap[r] = live ? rows.Count : Dead;
            if (live)
            {
                rows.Add(new Row(r, constant, weights.ToArray(), sources.ToArray()));
                TermCount += weights.Count;
            }
        }

        Rows = rows;
    }

    /// <summary>An input map entry for the constant channel.</summary>
    public const int Constant = -2;

    /// <summary>An input map entry for a dead neuron (always 0).</summary>
    public const int Dead = -1;

    public PlanLayer Layer { get; }

    public bool IsLast { get; }

    public IReadOnlyList<Row> Rows { get; }

    public int TermCount { get; }

    /// <summary>For every row of g, its index among the live rows, or <see cref="Dead"/>.</summary>
    public int[] OutputMap { get; }

    public bool Relu => Layer.Relu;

    public int Shift => Layer.Shift;

    internal sealed record Row(int GRow, long Constant, int[] Weights, int[] Sources);

    /// <summary>Builds every layer's terms, chaining the live-row maps.</summary>
    public static LayerTerms[] Build(TicketPlan plan, int inputCount, long constantValue)
    {
        var map = new int[inputCount + (plan.ConstantChannel ? 1 : 0)];
        for (int j = 0; j < inputCount; j++)
        {
            map[j] = j;
        }

        if (plan.ConstantChannel)
        {
            map[inputCount] = Constant;
        }

        var result = new LayerTerms[plan.Layers.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new LayerTerms(plan.Layers[i], map, i == result.Length - 1, constantValue);
            map = result[i].OutputMap;
        }

        return result;
    }
}
