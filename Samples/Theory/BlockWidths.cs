using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace SlthGen.Samples.Reproduction;

/// <summary>
/// The widths behind an adaptive block layer of a Theorem 1 ticket: for every subset-sum instance
/// its own smallest width (the fewest of its side's neurons, in offer order, that already contain
/// a solution), beside the width its block side took (P_j or N_j: the largest over the side's
/// instances) and the block's n_j = P_j + N_j. The blocks' neurons are re-derived here from the
/// layout as docs/random-network.md (section 5) states it and from the recorded P_j and N_j, and
/// checked against the ticket (every kept weight of A lies in its block, H matches, and every side's
/// width is the largest of its instances' own widths), so the analysis also checks the document.
/// </summary>
internal static class BlockWidths
{
    /// <summary>
    /// Histograms (index = width) of one block layer: every instance's own smallest width, every
    /// block side's width (P_j, and N_j where inputs can be negative), every block's n_j.
    /// </summary>
    internal sealed record Analysis(string Target, int Bits, int Layer, long[] Instances, long[] Sides, long[] Blocks, int Hidden)
    {
        public int MaxBlock => Blocks.Length - 1;

        public int MaxSide => Sides.Length - 1;

        public int MaxInstance => Instances.Length - 1;

        public long InstanceCount => Sum(Instances);

        public long SideCount => Sum(Sides);

        public long BlockCount => Sum(Blocks);

        /// <summary>The smallest w the histogram holds.</summary>
        public static int Smallest(long[] histogram) => Array.FindIndex(histogram, c => c > 0);

        /// <summary>The smallest w with at least <paramref name="q"/> of the histogram's mass at or below w.</summary>
        public static int Quantile(long[] histogram, double q)
        {
            long total = Sum(histogram), seen = 0;
            for (int w = 0; w < histogram.Length; w++)
            {
                seen += histogram[w];
                if (seen >= q * total)
                {
                    return w;
                }
            }

            return histogram.Length - 1;
        }

        private static long Sum(long[] values)
        {
            long s = 0;
            foreach (long v in values)
            {
                s += v;
            }

            return s;
        }
    }

    /// <summary>The largest product |a·b| (units of δ²) for which the per-instance widths are computed: δ = 2^-2 or 2^-3.</summary>
    public const int MaxBits = 3;

    /// <summary>
    /// Analyses target layer <paramref name="layer"/>'s block layer of a Theorem 1 ticket built with
    /// adaptive blocks at δ ≤ 2^-<see cref="MaxBits"/>. Null (and a problem reported) when the
    /// re-derived layout disagrees with the ticket.
    /// </summary>
    public static Analysis? Analyse(string name, Ticket ticket, int layer, int threads, Report report)
    {
        var info = ticket.Info;
        if (info.Construction != TicketConstruction.Depth2L || info.Blocks != BlockLayout.Adaptive || info.TicketBits > MaxBits)
        {
            throw new ArgumentException("Per-instance widths need a Theorem 1 ticket with adaptive blocks at δ = 2^-2 or 2^-3.", nameof(ticket));
        }

        var target = ticket.Target;
        var delta = new Precision(info.TicketBits);
        var weights = new RandomWeights(info.Seed, new Precision(info.InitBits), excludeZero: false);
        var a = ticket.Layers[2 * layer];
        var b = ticket.Layers[(2 * layer) + 1];
        var widths = info.BlockWidths(layer).ToArray();
        var negatives = info.NegativeBlockWidths(layer).ToArray();
        int blocks = widths.Length;
        var layout = Layout(weights, a.GLayer, delta, widths, negatives, out int hidden);
        string where = $"{name}, δ = 2^-{info.TicketBits}, layer {layer + 1}";
        if (!Matches(layout, a, hidden, where, report))
        {
            return null;
        }

        // The augmented target weight of instance (row r, block j), as the builder's AugmentedLayer defines it.
        var t = target.Layers[layer];
        bool laterBias = false;
        for (int i = layer + 1; i < target.Layers.Count; i++)
        {
            laterBias |= target.Layers[i].HasBiases;
        }

        bool constantIn = laterBias || t.HasBiases;
        int outputs = t.Outputs + (laterBias ? 1 : 0);
        if (b.Rows != outputs || blocks != t.Inputs + (constantIn ? 1 : 0))
        {
            report.Problem($"{where}: the ticket has {b.Rows} rows and {blocks} blocks; the target says {outputs} and {t.Inputs + (constantIn ? 1 : 0)}");
            return null;
        }

        int scale = (2 * info.TicketBits) - info.TargetBits;
        long Target(int k, int j) =>
            (k == t.Outputs ? (j == t.Inputs ? target.TargetPrecision.One : 0) : j == t.Inputs ? t.Bias(k) : t.Weight(k, j)) << scale;

        bool MayBeNegative(int j) => layer == 0 && target.InputMin < 0 && j < t.Inputs;

        // One row per (block, side): every instance's own smallest width, in parallel over blocks.
        var own = new int[blocks][][];
        var failures = new List<string>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, blocks, options, j =>
        {
            own[j] = new int[2][];
            for (int side = 0; side < 2; side++)
            {
                var (neurons, aValues) = side == 0 ? layout[j].Positive : layout[j].Negative;
                if (side == 1 && !MayBeNegative(j))
                {
                    own[j][side] = Array.Empty<int>();
                    continue;
                }

                var result = new int[outputs];
                var values = new long[neurons.Length];
                for (int r = 0; r < outputs; r++)
                {
                    for (int p = 0; p < neurons.Length; p++)
                    {
                        values[p] = aValues[p] * weights.ReducedWeight(b.GLayer, r, neurons[p], delta);
                    }

                    result[r] = SmallestPrefix(values, Target(r, j));
                    if (result[r] < 0)
                    {
                        lock (failures)
                        {
                            failures.Add($"{where}: block {j}, side {(side == 0 ? "+" : "−")}, row {r} has no solution with its block's {neurons.Length} neurons");
                        }
                    }
                }

                own[j][side] = result;
            }
        });

        foreach (string failure in failures)
        {
            report.Problem(failure);
        }

        if (failures.Count > 0)
        {
            return null;
        }

        var instances = new List<long>();
        var sides = new List<long>();
        var blockCounts = new List<long>();
        for (int j = 0; j < blocks; j++)
        {
            Count(blockCounts, widths[j]);
            for (int side = 0; side < 2; side++)
            {
                if (side == 1 && !MayBeNegative(j))
                {
                    continue;
                }

                int sideWidth = side == 0 ? widths[j] - Negative(negatives, j) : Negative(negatives, j);
                int largest = 0;
                foreach (int w in own[j][side])
                {
                    Count(instances, w);
                    largest = Math.Max(largest, w);
                }

                Count(sides, sideWidth);
                if (largest != sideWidth)
                {
                    report.Problem($"{where}: block {j}, side {(side == 0 ? "+" : "−")} took {sideWidth} neurons but its hardest instance needs {largest}");
                }
            }
        }

        return new Analysis(name, info.TicketBits, layer, instances.ToArray(), sides.ToArray(), blockCounts.ToArray(), hidden);
    }

    private static int Negative(int[] negatives, int j) => negatives.Length > j ? negatives[j] : 0;

    private static void Count(List<long> histogram, int w)
    {
        while (histogram.Count <= w)
        {
            histogram.Add(0);
        }

        histogram[w]++;
    }

    private sealed record Block(int[] Taken, (int[] Neurons, long[] A) Positive, (int[] Neurons, long[] A) Negative);

    /// <summary>
    /// The adaptive layout (docs/random-network.md, section 5): blocks in input order; block j is
    /// offered the neurons no earlier block took, in ascending index order, and takes the first
    /// P_j with a = [M[h, j]]_δ &gt; 0 and the first N_j with a &lt; 0. H = 1 + the largest neuron taken.
    /// </summary>
    private static Block[] Layout(RandomWeights weights, int aLayer, Precision delta, int[] widths, int[] negatives, out int hidden)
    {
        var result = new Block[widths.Length];
        var taken = new HashSet<int>();
        var leftovers = new List<int>();
        int frontier = 0;
        for (int j = 0; j < widths.Length; j++)
        {
            int wantNegative = Negative(negatives, j), wantPositive = widths[j] - wantNegative;
            var positive = (Neurons: new List<int>(), A: new List<long>());
            var negative = (Neurons: new List<int>(), A: new List<long>());
            for (int offered = 0; positive.Neurons.Count < wantPositive || negative.Neurons.Count < wantNegative; offered++)
            {
                int h = offered < leftovers.Count ? leftovers[offered] : frontier + (offered - leftovers.Count);
                long a = weights.ReducedWeight(aLayer, h, j, delta);
                var side = a > 0 ? positive : negative;
                if (a != 0 && side.Neurons.Count < (a > 0 ? wantPositive : wantNegative))
                {
                    side.Neurons.Add(h);
                    side.A.Add(a);
                }
            }

            var mine = new List<int>(positive.Neurons);
            mine.AddRange(negative.Neurons);
            int oldFrontier = frontier;
            foreach (int h in mine)
            {
                taken.Add(h);
                frontier = Math.Max(frontier, h + 1);
            }

            var next = new List<int>();
            foreach (int h in leftovers)
            {
                if (!taken.Contains(h))
                {
                    next.Add(h);
                }
            }

            for (int h = oldFrontier; h < frontier; h++)
            {
                if (!taken.Contains(h))
                {
                    next.Add(h);
                }
            }

            leftovers = next;
            result[j] = new Block(mine.ToArray(), (positive.Neurons.ToArray(), positive.A.ToArray()), (negative.Neurons.ToArray(), negative.A.ToArray()));
        }

        hidden = frontier;
        return result;
    }

    /// <summary>Whether the re-derived layout is the ticket's: H rows in A, every kept weight of A on a taken neuron, to its block's input.</summary>
    private static bool Matches(Block[] layout, TicketLayer a, int hidden, string where, Report report)
    {
        if (a.Rows != hidden)
        {
            report.Problem($"{where}: the ticket's block layer has {a.Rows} neurons; the documented layout gives H = {hidden}");
            return false;
        }

        var blockOf = new int[hidden];
        Array.Fill(blockOf, -1);
        for (int j = 0; j < layout.Length; j++)
        {
            foreach (int h in layout[j].Taken)
            {
                blockOf[h] = j;
            }
        }

        var rowStart = a.RowStart;
        var columns = a.ColumnIndices;
        for (int h = 0; h < a.Rows; h++)
        {
            for (int at = rowStart[h]; at < rowStart[h + 1]; at++)
            {
                if (columns[at] != blockOf[h])
                {
                    report.Problem($"{where}: neuron {h} keeps its weight to input {columns[at]}, but the documented layout puts it in block {blockOf[h]}");
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The fewest leading values that contain a subset summing to <paramref name="target"/> (0 for
    /// target 0), or −1 if all of them do not: the reachable sums, as a bit set, grown one value at a time.
    /// </summary>
    internal static int SmallestPrefix(ReadOnlySpan<long> values, long target)
    {
        if (target == 0)
        {
            return 0;
        }

        long below = 0, above = 0;
        foreach (long v in values)
        {
            if (v < 0)
            {
                below -= v;
            }
            else
            {
                above += v;
            }
        }

        if (target < -below || target > above)
        {
            return -1;
        }

        long size = below + above + 1;
        var bits = new ulong[(size + 63) / 64];
        bits[below >> 6] |= 1UL << (int)(below & 63);
        long goal = below + target;
        for (int p = 0; p < values.Length; p++)
        {
            if (values[p] != 0)
            {
                OrShifted(bits, values[p]);
                if ((bits[goal >> 6] & (1UL << (int)(goal & 63))) != 0)
                {
                    return p + 1;
                }
            }
        }

        return -1;
    }

    /// <summary>bits |= bits shifted by <paramref name="shift"/> positions (towards higher indices when positive), in place.</summary>
    private static void OrShifted(ulong[] bits, long shift)
    {
        int words = (int)(Math.Abs(shift) >> 6), offset = (int)(Math.Abs(shift) & 63);
        if (shift > 0)
        {
            for (int i = bits.Length - 1; i >= words; i--)
            {
                ulong moved = bits[i - words] << offset;
                if (offset > 0 && i - words - 1 >= 0)
                {
                    moved |= bits[i - words - 1] >> (64 - offset);
                }

                bits[i] |= moved;
            }
        }
        else
        {
            for (int i = 0; i + words < bits.Length; i++)
            {
                ulong moved = bits[i + words] >> offset;
                if (offset > 0 && i + words + 1 < bits.Length)
                {
                    moved |= bits[i + words + 1] << (64 - offset);
                }

                bits[i] |= moved;
            }
        }
    }
}
