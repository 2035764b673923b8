using System;
#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;
#endif

namespace SlthGen;

/// <summary>
/// One ticket layer as tables: rows → weight groups → sources. Each group sums its inputs, then
/// multiplies once by the weight they share.
/// </summary>
internal sealed class SparseStage : ProgramStage
{
    private readonly int[] _rowGroups;
    private readonly int[] _groupSources;
    private readonly int[] _sources;
    private readonly long[] _weights;
    private readonly long[] _constants;

    public SparseStage(LiveLayer layer)
        : base(layer.Rows.Count, 0, layer.Relu, layer.Shift)
    {
        int rows = layer.Rows.Count, groups = 0;
        foreach (var row in layer.Rows)
        {
            groups += row.Groups.Length;
        }

        _rowGroups = new int[rows + 1];
        _groupSources = new int[groups + 1];
        _sources = new int[checked((int)layer.TermCount)];
        _weights = new long[groups];
        _constants = new long[rows];
        int g = 0, e = 0;
        for (int r = 0; r < rows; r++)
        {
            var row = layer.Rows[r];
            _rowGroups[r] = g;
            _constants[r] = row.Constant;
            foreach (var group in row.Groups)
            {
                _groupSources[g] = e;
                _weights[g++] = group.Weight;
                group.Sources.CopyTo(_sources, e);
                e += group.Sources.Length;
            }
        }

        _rowGroups[rows] = g;
        _groupSources[groups] = e;
    }

    public override void RunScalar(ReadOnlySpan<long> x, Span<long> y)
    {
        for (int r = 0; r < Outputs; r++)
        {
            long acc = _constants[r];
            for (int g = _rowGroups[r]; g < _rowGroups[r + 1]; g++)
            {
                long s = 0;
                for (int e = _groupSources[g]; e < _groupSources[g + 1]; e++)
                {
                    s += x[_sources[e]];
                }

                acc += _weights[g] * s;
            }

            y[r] = Store(acc, Relu, Shift);
        }
    }

#if NET8_0_OR_GREATER
    public override void Run<T, TLanes>(ReadOnlySpan<T> x, Span<T> y, Span<T> scratch)
    {
        var rowGroups = _rowGroups;
        var groupSources = _groupSources;
        var sources = _sources;
        var weights = _weights;

        // The hot loop reads without bounds checks: every source index was checked against the
        // previous stage's width when the tables were built (LiveLayer), and x has that width.
        ref T values = ref MemoryMarshal.GetReference(x);
        ref int source = ref MemoryMarshal.GetArrayDataReference(sources);
        for (int r = 0; r < y.Length; r++)
        {
            long constant = _constants[r];
            T acc = constant == 0 ? TLanes.Zero : TLanes.Create(constant);
            acc = AddGroups<T, TLanes>(acc, ref values, ref source, groupSources, weights, rowGroups[r], rowGroups[r + 1]);

            y[r] = Store<T, TLanes>(acc, Relu, Shift);
        }
    }
#endif
}
