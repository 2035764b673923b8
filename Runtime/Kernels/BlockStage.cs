using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#endif

namespace SlthGen;

/// <summary>
/// Two layers fused: layer A, whose every live neuron reads one input (or only the constant
/// channel), and layer B after it. The structure of Theorem 1's odd layers (and of both
/// constructions' first layer): A is block-diagonal. Run input by input: the block of A's
/// neurons that read input j is computed into a small scratch (it stays in L1), its
/// contributions to every output of B are added, and the block is dropped. B's terms are stored
/// block-major for this (block → output row → weight group → sources within the block).
/// </summary>
internal sealed class BlockStage : ProgramStage
{
    /// <summary>
    /// Hidden neurons per tile: 48 KB of scratch on Vector512 lanes, 96 KB on the 64-sample 16-bit
    /// lanes. At 784-500-10 tiles of 384 to 1,024 neurons ran equally fast (13.0–13.2 µs per
    /// sample), 4,096 slightly slower (13.9) and 192 much slower (16.9: shorter weight groups).
    /// </summary>
    internal const int TileNeurons = 768;

    private readonly bool _reluA;
    private readonly int _shiftA;
    private readonly int[] _aInput;
    private readonly int[] _blockRows;
    private readonly long[] _aWeights;
    private readonly int[] _blockPairs;
    private readonly int[] _pairRow;
    private readonly int[] _pairGroups;
    private readonly long[] _groupWeight;
    private readonly int[] _groupSources;
    private readonly int[] _sources;
    private readonly long[] _constants;

    /// <param name="a">The block-diagonal layer.</param>
    /// <param name="b">The layer that reads it.</param>
    /// <param name="aOutputBound">The largest |output| of A the overflow proof allows: at most 32,767 lets the 64-sample lanes keep A's tile in 16 bits.</param>
    public BlockStage(LiveLayer a, LiveLayer b, decimal aOutputBound = decimal.MaxValue)
        : base(b.Rows.Count, Math.Min(a.Rows.Count, TileNeurons), b.Relu, b.Shift)
    {
        NarrowChunk = aOutputBound > short.MaxValue ? 0 : aOutputBound < 1 ? short.MaxValue : (int)(short.MaxValue / aOutputBound);
        _reluA = a.Relu;
        _shiftA = a.Shift;

        // A's neurons ordered by the input they read (the constant block last), then cut into
        // tiles of at most TileNeurons: a tile's hidden values fit in L1/L2 at any lane width,
        // and within a tile B's terms are still grouped by weight across many inputs (one
        // multiply per group), which per-input blocks would lose.
        int inputs = a.InputCount;
        int count = a.Rows.Count;
        var perKey = new int[inputs + 2];
        foreach (var row in a.Rows)
        {
            perKey[BlockKey(row, inputs) + 1]++;
        }

        for (int key = 0; key <= inputs; key++)
        {
            perKey[key + 1] += perKey[key];
        }

        var position = new int[count];
        _aInput = new int[count];
        _aWeights = new long[count];
        for (int i = 0; i < count; i++)
        {
            var row = a.Rows[i];
            int key = BlockKey(row, inputs);
            int at = perKey[key]++;
            position[i] = at;
            _aInput[at] = key == inputs ? -1 : key;
            _aWeights[at] = row.Groups.Length == 0 ? row.Constant : row.Groups[0].Weight;
        }

        int blocks = (count + TileNeurons - 1) / TileNeurons;
        _blockRows = new int[blocks + 1];
        for (int blk = 0; blk <= blocks; blk++)
        {
            _blockRows[blk] = Math.Min(blk * TileNeurons, count);
        }

        var blockOf = new int[count];
        var localOf = new int[count];
        for (int i = 0; i < count; i++)
        {
            blockOf[i] = position[i] / TileNeurons;
            localOf[i] = position[i] % TileNeurons;
        }

        // B's terms bucketed by block, stably: within a block they stay ordered by output row,
        // weight, then source.
        long terms = b.TermCount;
        var perBlock = new int[blocks + 1];
        foreach (var row in b.Rows)
        {
            foreach (var group in row.Groups)
            {
                foreach (int s in group.Sources)
                {
                    perBlock[blockOf[s] + 1]++;
                }
            }
        }

        for (int blk = 0; blk < blocks; blk++)
        {
            perBlock[blk + 1] += perBlock[blk];
        }

        var entryRow = new int[terms];
        var entryWeight = new long[terms];
        var entryLocal = new int[terms];
        var cursor = (int[])perBlock.Clone();
        for (int k = 0; k < b.Rows.Count; k++)
        {
            foreach (var group in b.Rows[k].Groups)
            {
                foreach (int s in group.Sources)
                {
                    int at = cursor[blockOf[s]]++;
                    entryRow[at] = k;
                    entryWeight[at] = group.Weight;
                    entryLocal[at] = localOf[s];
                }
            }
        }

        // Pairs (block, output row) and groups (pair, weight) from the ordered entries.
        int pairs = 0, groups = 0;
        for (int blk = 0; blk < blocks; blk++)
        {
            for (int e = perBlock[blk]; e < perBlock[blk + 1]; e++)
            {
                bool newPair = e == perBlock[blk] || entryRow[e] != entryRow[e - 1];
                pairs += newPair ? 1 : 0;
                groups += newPair || entryWeight[e] != entryWeight[e - 1] ? 1 : 0;
            }
        }

        _blockPairs = new int[blocks + 1];
        _pairRow = new int[pairs];
        _pairGroups = new int[pairs + 1];
        _groupWeight = new long[groups];
        _groupSources = new int[groups + 1];
        _sources = entryLocal;
        int p = 0, g = 0;
        for (int blk = 0; blk < blocks; blk++)
        {
            _blockPairs[blk] = p;
            for (int e = perBlock[blk]; e < perBlock[blk + 1]; e++)
            {
                bool newPair = e == perBlock[blk] || entryRow[e] != entryRow[e - 1];
                if (newPair)
                {
                    _pairRow[p] = entryRow[e];
                    _pairGroups[p++] = g;
                }

                if (newPair || entryWeight[e] != entryWeight[e - 1])
                {
                    _groupWeight[g] = entryWeight[e];
                    _groupSources[g++] = e;
                }
            }
        }

        _blockPairs[blocks] = p;
        _pairGroups[pairs] = g;
        _groupSources[groups] = checked((int)terms);

        _constants = new long[b.Rows.Count];
        for (int k = 0; k < _constants.Length; k++)
        {
            _constants[k] = b.Rows[k].Constant;
        }
    }

    /// <summary>
    /// How many of A's values a 16-bit sum may add without leaving int16 (the proof's bound on
    /// A's outputs), or 0 when they do not fit int16 and the tile stays in 32 bits.
    /// </summary>
    public int NarrowChunk { get; }

    /// <summary>The most terms of B in one weight group of one tile (for tests: chunks cut longer groups).</summary>
    internal int LongestGroup
    {
        get
        {
            int longest = 0;
            for (int g = 0; g + 1 < _groupSources.Length; g++)
            {
                longest = Math.Max(longest, _groupSources[g + 1] - _groupSources[g]);
            }

            return longest;
        }
    }

    /// <summary>Every live neuron of the layer reads exactly one live input with no constant, or only the constant channel.</summary>
    public static bool CanFuse(LiveLayer layer)
    {
        if (layer.IsLast)
        {
            return false;
        }

        foreach (var row in layer.Rows)
        {
            bool single = row.Groups.Length == 1 && row.Groups[0].Sources.Length == 1 && row.Constant == 0;
            bool constantOnly = row.Groups.Length == 0;
            if (!single && !constantOnly)
            {
                return false;
            }
        }

        return true;
    }

    public override void RunScalar(ReadOnlySpan<long> x, Span<long> y)
    {
        var h = new long[Scratch];
        for (int k = 0; k < y.Length; k++)
        {
            y[k] = _constants[k];
        }

        for (int blk = 0; blk < _blockRows.Length - 1; blk++)
        {
            int first = _blockRows[blk];
            for (int i = first; i < _blockRows[blk + 1]; i++)
            {
                long input = _aInput[i] < 0 ? 1 : x[_aInput[i]];
                h[i - first] = Store(_aWeights[i] * input, _reluA, _shiftA);
            }

            for (int p = _blockPairs[blk]; p < _blockPairs[blk + 1]; p++)
            {
                long acc = 0;
                for (int g = _pairGroups[p]; g < _pairGroups[p + 1]; g++)
                {
                    long s = 0;
                    for (int e = _groupSources[g]; e < _groupSources[g + 1]; e++)
                    {
                        s += h[_sources[e]];
                    }

                    acc += _groupWeight[g] * s;
                }

                y[_pairRow[p]] += acc;
            }
        }

        for (int k = 0; k < y.Length; k++)
        {
            y[k] = Store(y[k], Relu, Shift);
        }
    }

#if NET8_0_OR_GREATER
    public override void Run<T, TLanes>(ReadOnlySpan<T> x, Span<T> y, Span<T> scratch)
    {
        if (typeof(T) == typeof(Int32Quad512) && NarrowChunk > 0)
        {
            // The 64-sample lanes read the tile (192 KB in 32 bits, 96 KB in 16) once per term,
            // at about L2's bandwidth: half the bytes is what counts.
            RunNarrow(MemoryMarshal.Cast<T, Int32Quad512>(x), MemoryMarshal.Cast<T, Int32Quad512>(y), MemoryMarshal.Cast<T, Int16Pair512>(scratch));
            return;
        }

        StartOutputs<T, TLanes>(y);

        var blockRows = _blockRows;
        var aWeights = _aWeights;
        var blockPairs = _blockPairs;
        var pairRow = _pairRow;
        var pairGroups = _pairGroups;
        var groupWeight = _groupWeight;
        var groupSources = _groupSources;
        var sources = _sources;
        bool reluA = _reluA;
        int shiftA = _shiftA;
        T one = TLanes.Create(1);
        var aInput = _aInput;
        ref int source = ref MemoryMarshal.GetArrayDataReference(sources);
        for (int blk = 0; blk < blockRows.Length - 1; blk++)
        {
            int first = blockRows[blk], end = blockRows[blk + 1];
            var h = scratch.Slice(0, end - first);

            // Unchecked reads in the hot loop: every source is a place in its tile (< TileNeurons,
            // checked when the tables were built) and h holds the whole tile.
            ref T values = ref MemoryMarshal.GetReference(h);
            for (int i = first; i < end; i++)
            {
                T input = aInput[i] < 0 ? one : x[aInput[i]];
                h[i - first] = Store<T, TLanes>(TLanes.Multiply(input, aWeights[i]), reluA, shiftA);
            }

            for (int p = blockPairs[blk], stop = blockPairs[blk + 1]; p < stop; p++)
            {
                ref T acc = ref y[pairRow[p]];
                acc = AddGroups<T, TLanes>(acc, ref values, ref source, groupSources, groupWeight, pairGroups[p], pairGroups[p + 1]);
            }
        }

        FinishOutputs<T, TLanes>(y);
    }

    /// <summary>
    /// <see cref="Run{T, TLanes}"/> on 64-sample lanes with A's tile in 16 bits: each neuron is
    /// computed in 32 bits and narrowed (exact: the proof bounds it), and B adds up to
    /// <see cref="NarrowChunk"/> of a group's sources in 16 bits before widening the sum.
    /// </summary>
    private void RunNarrow(ReadOnlySpan<Int32Quad512> x, Span<Int32Quad512> y, Span<Int16Pair512> scratch)
    {
        StartOutputs<Int32Quad512, Int32Lanes512x4>(y);

        var blockRows = _blockRows;
        var aWeights = _aWeights;
        var blockPairs = _blockPairs;
        var pairRow = _pairRow;
        var pairGroups = _pairGroups;
        var groupSources = _groupSources;
        var groupWeight = _groupWeight;
        bool reluA = _reluA;
        int shiftA = _shiftA, chunk = NarrowChunk;
        var one = Int32Lanes512x4.Create(1);
        var aInput = _aInput;
        ref int source = ref MemoryMarshal.GetArrayDataReference(_sources);
        for (int blk = 0; blk < blockRows.Length - 1; blk++)
        {
            int first = blockRows[blk], end = blockRows[blk + 1];
            var h = scratch.Slice(0, end - first);
            ref Int16Pair512 values = ref MemoryMarshal.GetReference(h);
            for (int i = first; i < end; i++)
            {
                var input = aInput[i] < 0 ? one : x[aInput[i]];
                h[i - first] = Int16Pair512.Narrow(Store<Int32Quad512, Int32Lanes512x4>(Int32Lanes512x4.Multiply(input, aWeights[i]), reluA, shiftA));
            }

            for (int p = blockPairs[blk], stop = blockPairs[blk + 1]; p < stop; p++)
            {
                ref var acc = ref y[pairRow[p]];
                for (int g = pairGroups[p]; g < pairGroups[p + 1]; g++)
                {
                    // Unchecked reads as in AddGroups: sources are places in the tile.
                    int e = groupSources[g], last = groupSources[g + 1];
                    var sum = Int32Lanes512x4.Zero;
                    while (e < last)
                    {
                        int chunkEnd = Math.Min(last, e + chunk);
                        var s = Unsafe.Add(ref values, Unsafe.Add(ref source, e));
                        for (e++; e < chunkEnd; e++)
                        {
                            s = Int16Pair512.Add(s, Unsafe.Add(ref values, Unsafe.Add(ref source, e)));
                        }

                        sum = Int32Lanes512x4.Add(sum, Int16Pair512.Widen(s));
                    }

                    acc = Int32Lanes512x4.Add(acc, Int32Lanes512x4.Multiply(sum, groupWeight[g]));
                }
            }
        }

        FinishOutputs<Int32Quad512, Int32Lanes512x4>(y);
    }
    /// <summary>B's outputs start at their constants (the constant channel's contributions).</summary>
    private void StartOutputs<T, TLanes>(Span<T> y)
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        for (int k = 0; k < y.Length; k++)
        {
            long constant = _constants[k];
            y[k] = constant == 0 ? TLanes.Zero : TLanes.Create(constant);
        }
    }

    /// <summary>B's outputs once every tile has added to them: σ, then the floor.</summary>
    private void FinishOutputs<T, TLanes>(Span<T> y)
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        for (int k = 0; k < y.Length; k++)
        {
            y[k] = Store<T, TLanes>(y[k], Relu, Shift);
        }
    }
#endif

    private static int BlockKey(LiveLayer.Row row, int inputs) => row.Groups.Length == 0 ? inputs : row.Groups[0].Sources[0];
}
