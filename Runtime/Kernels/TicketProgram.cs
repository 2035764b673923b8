using System;
using System.Buffers;
using System.Collections.Generic;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace SlthGen;

/// <summary>
/// Runs a ticket from its kept weights with table kernels written once in this library: the
/// path generated code takes for tickets too large to unroll. Each layer runs on its
/// <see cref="LiveLayer"/> form (live rows, terms grouped by weight: one multiply per group).
/// A layer whose every neuron reads one input — Theorem 1's first layer of each pair, and both
/// constructions' first layer — is fused with the layer after it and run input by input: the
/// hidden neurons of one input exist only while their contributions to the next layer are
/// added, so the hidden layer is never written out (it is megabytes at 784-500-10).
/// The arithmetic is the ticket's, term by term; only the order of the additions changes, and
/// the overflow proof bounds every partial sum in any order.
/// </summary>
public sealed class TicketProgram
{
    private readonly ProgramStage[] _stages;
    private readonly LiveLayer[] _live;
    private ProgramStage[]? _sampleStages;

    private TicketProgram(ProgramStage[] stages, LiveLayer[] live, int inputCount, int outputCount, bool longLanes)
    {
        _stages = stages;
        _live = live;
        InputCount = inputCount;
        OutputCount = outputCount;
        LongLanes = longLanes;
    }

    /// <summary>d_0.</summary>
    public int InputCount { get; }

    /// <summary>d_ℓ.</summary>
    public int OutputCount { get; }

    /// <summary>Some sum may leave int32 for inputs in the declared range, so lanes are 64-bit.</summary>
    public bool LongLanes { get; }

    /// <summary>The stages batches run (for tests).</summary>
    internal IReadOnlyList<ProgramStage> BatchStages => _stages;

    /// <summary>How many stages are fused layer pairs (for reports and tests).</summary>
    public int FusedStages
    {
        get
        {
            int n = 0;
            foreach (var stage in _stages)
            {
                n += stage is BlockStage ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>Compiles a ticket into table kernels.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="fuse">Fuse single-input layers with the next layer (default); false runs every layer on its own (for comparison).</param>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    /// <exception cref="ArgumentException">The ticket's outputs can leave int32, or its sums int64, for the declared input range.</exception>
    public static TicketProgram Create(Ticket ticket, bool fuse = true)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        var bounds = OverflowAnalysis.Ticket(ticket);
        bool longLanes = false;
        foreach (var bound in bounds)
        {
            if (!bound.FitsInt64)
            {
                throw new ArgumentException("The ticket's sums can leave 64-bit integers for the declared input range.", nameof(ticket));
            }

            longLanes |= !bound.FitsInt32;
        }

        var last = bounds[bounds.Length - 1];
        if (last.OutputMin < int.MinValue || last.OutputMax > int.MaxValue)
        {
            throw new ArgumentException("The ticket's outputs can leave 32-bit integers for the declared input range.", nameof(ticket));
        }

        var target = ticket.Target;
        var live = LiveLayer.Build(ticket.Layers, target.InputCount, ticket.ConstantChannel, target.Activation.One);
        var stages = Stages(live, fuse, bounds);
        return new TicketProgram(stages, live, target.InputCount, target.OutputCount, longLanes) { _sampleStages = fuse ? null : stages };
    }

    private static ProgramStage[] Stages(LiveLayer[] live, bool fuse, OverflowAnalysis.LayerBounds[] bounds)
    {
        var stages = new List<ProgramStage>();
        for (int i = 0; i < live.Length; i++)
        {
            if (fuse && i + 1 < live.Length && BlockStage.CanFuse(live[i]))
            {
                stages.Add(new BlockStage(live[i], live[i + 1], Math.Max(Math.Abs(bounds[i].OutputMin), Math.Abs(bounds[i].OutputMax))));
                i++;
            }
            else
            {
                stages.Add(new SparseStage(live[i]));
            }
        }

        return stages.ToArray();
    }

    /// <summary>
    /// The stages one sample runs on: unfused. With one sample there is no hidden layer to keep
    /// out of memory, and a layer's terms grouped by weight over the whole row take fewer
    /// multiplies and loop exits than per tile (784-500-10: 540 µs against 1,080 µs per sample).
    /// Built at the first one-sample call.
    /// </summary>
    private ProgramStage[] SampleStages => _sampleStages ?? System.Threading.LazyInitializer.EnsureInitialized(ref _sampleStages, () => Stages(_live, fuse: false, Array.Empty<OverflowAnalysis.LayerBounds>()))!;

    /// <summary>One sample, no checks (the generated <c>Evaluate</c> checks first).</summary>
    public void EvaluateUnchecked(ReadOnlySpan<int> input, Span<int> output)
    {
#if NET8_0_OR_GREATER
        if (LongLanes)
        {
            Block<long, Int64Scalar>(SampleStages, input, output, 1);
        }
        else
        {
            Block<int, Int32Scalar>(SampleStages, input, output, 1);
        }
#else
        EvaluateScalar(input, output);
#endif
    }

    /// <summary>
    /// Many samples, sample-major, no checks: 64 at a time in four Vector512s where AVX-512 is
    /// accelerated (<c>Int32Lanes512x4</c>: the sparse inner loops' branch and add-chain
    /// costs spread over four vectors; 32-bit lanes only), then the widest accelerated vector,
    /// the rest one by one.
    /// </summary>
    public void EvaluateBatchUnchecked(ReadOnlySpan<int> inputs, Span<int> outputs)
    {
        int count = InputCount == 0 ? 0 : inputs.Length / InputCount;
#if NET8_0_OR_GREATER
        int s = 0;
        if (LongLanes)
        {
            s = Vector512.IsHardwareAccelerated ? Blocks<Vector512<long>, Int64Lanes512>(inputs, outputs, s, count) : s;
            s = Vector256.IsHardwareAccelerated ? Blocks<Vector256<long>, Int64Lanes256>(inputs, outputs, s, count) : s;
            s = Vector128.IsHardwareAccelerated ? Blocks<Vector128<long>, Int64Lanes128>(inputs, outputs, s, count) : s;
            Blocks<long, Int64Scalar>(inputs, outputs, s, count);
        }
        else
        {
            s = Vector512.IsHardwareAccelerated ? Blocks<Int32Quad512, Int32Lanes512x4>(inputs, outputs, s, count) : s;
            s = Vector512.IsHardwareAccelerated ? Blocks<Vector512<int>, Int32Lanes512>(inputs, outputs, s, count) : s;
            s = Vector256.IsHardwareAccelerated ? Blocks<Vector256<int>, Int32Lanes256>(inputs, outputs, s, count) : s;
            s = Vector128.IsHardwareAccelerated ? Blocks<Vector128<int>, Int32Lanes128>(inputs, outputs, s, count) : s;
            Blocks<int, Int32Scalar>(inputs, outputs, s, count);
        }
#else
        for (int s = 0; s < count; s++)
        {
            EvaluateScalar(inputs.Slice(s * InputCount, InputCount), outputs.Slice(s * OutputCount, OutputCount));
        }
#endif
    }

    /// <summary>
    /// The plain form: 64-bit scalars, one stage after the other. The netstandard2.0 path, and the
    /// readable statement of what the lane kernels compute (tests compare them).
    /// </summary>
    internal void EvaluateScalar(ReadOnlySpan<int> input, Span<int> output)
    {
        var x = new long[InputCount];
        for (int j = 0; j < x.Length; j++)
        {
            x[j] = input[j];
        }

        foreach (var stage in _stages)
        {
            var y = new long[stage.Outputs];
            stage.RunScalar(x, y);
            x = y;
        }

        for (int k = 0; k < output.Length; k++)
        {
            output[k] = checked((int)x[k]);
        }
    }

#if NET8_0_OR_GREATER
    private int Blocks<T, TLanes>(ReadOnlySpan<int> inputs, Span<int> outputs, int s, int count)
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        int n = TLanes.Count;
        for (; s + n <= count; s += n)
        {
            Block<T, TLanes>(n == 1 ? SampleStages : _stages, inputs.Slice(s * InputCount, n * InputCount), outputs.Slice(s * OutputCount, n * OutputCount), n);
        }

        return s;
    }

    private void Block<T, TLanes>(ProgramStage[] stages, ReadOnlySpan<int> inputs, Span<int> outputs, int n)
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        int size = InputCount;
        foreach (var stage in stages)
        {
            size = Math.Max(size, stage.Outputs + stage.Scratch);
        }

        // Two buffers alternate between stages; a stage's scratch (a fused block's hidden
        // neurons) sits behind its output.
        Span<T> x = LaneMemory<T>.Get(LaneMemory<T>.ProgramSlot, size), y = LaneMemory<T>.Get(LaneMemory<T>.ProgramSlot + 1, size);
        TLanes.ToLanes(inputs, x.Slice(0, InputCount));
        int width = InputCount;
        foreach (var stage in stages)
        {
            stage.Run<T, TLanes>(x.Slice(0, width), y.Slice(0, stage.Outputs), y.Slice(stage.Outputs, stage.Scratch));
            width = stage.Outputs;
            var swap = x;
            x = y;
            y = swap;
        }

        TLanes.FromLanes(x.Slice(0, OutputCount), outputs.Slice(0, n * OutputCount));
    }
#endif
}
