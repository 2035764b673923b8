#if NET8_0_OR_GREATER
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlthGen;

/// <summary>
/// A network's unrolled kernel as generated code writes it: one text, generic over the lane
/// type, which the JIT specialises for one sample and for each SIMD width.
/// </summary>
public interface ITicketKernel
{
    /// <summary>d_0.</summary>
    static abstract int InputCount { get; }

    /// <summary>d_ℓ.</summary>
    static abstract int OutputCount { get; }

    /// <summary>Some sum needs 64 bits, so the kernel runs on 64-bit lanes.</summary>
    static abstract bool LongLanes { get; }

    /// <summary>The ticket on <typeparamref name="TLanes"/>.Count samples at once, lane-major.</summary>
    static abstract void Run<T, TLanes>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged
        where TLanes : struct, ILanes<T>;
}

/// <summary>
/// A kernel whose leading layers are proven to keep every partial sum in int16
/// (<see cref="NarrowLayers"/> of them): batches run those layers on 16-bit lanes, twice the
/// samples per vector, then widen to 32-bit lanes for the rest of the network.
/// </summary>
public interface IMixedTicketKernel : ITicketKernel
{
    /// <summary>How many leading layers run on 16-bit lanes (at least 1).</summary>
    static abstract int NarrowLayers { get; }

    /// <summary>
    /// The ticket on <typeparamref name="TNarrowLanes"/>.Count samples at once: the narrow layers on
    /// <paramref name="x"/>, then the rest of the network once per wide half, into
    /// <paramref name="lower"/> (the first half of the samples) and <paramref name="upper"/>.
    /// </summary>
    static abstract void RunMixed<TNarrow, TNarrowLanes, T, TLanes>(ReadOnlySpan<TNarrow> x, Span<T> lower, Span<T> upper)
        where TNarrow : unmanaged
        where TNarrowLanes : struct, INarrowLanes<TNarrow, T>
        where T : unmanaged
        where TLanes : struct, ILanes<T>;
}

/// <summary>
/// Drives a generated <see cref="ITicketKernel"/>: picks the lane type (the widest accelerated
/// vector for batches, a scalar for one sample), moves samples into lanes and back. Written once
/// here so generated code carries only the network's own arithmetic.
/// </summary>
public static class KernelDriver
{
    /// <summary>One sample, no checks.</summary>
    public static void Evaluate<TKernel>(ReadOnlySpan<int> input, Span<int> output)
        where TKernel : struct, ITicketKernel
    {
        if (TKernel.LongLanes)
        {
            Blocks<TKernel, long, Int64Scalar>(input, output, 0, 1);
        }
        else
        {
            TKernel.Run<int, Int32Scalar>(input, output);
        }
    }

    /// <summary>Many samples, sample-major, no checks: SIMD lanes (the widest accelerated here), the rest one by one.</summary>
    public static void EvaluateBatch<TKernel>(ReadOnlySpan<int> inputs, Span<int> outputs)
        where TKernel : struct, ITicketKernel => EvaluateBatchFrom<TKernel>(inputs, outputs, 0);

    /// <summary>
    /// Many samples of a <see cref="IMixedTicketKernel"/>: blocks of 16-bit lanes (32 samples per
    /// step with Vector512), the remainder as <see cref="EvaluateBatch"/> does it. Both compute the
    /// same exact integers, so which samples take which path does not change any output.
    /// </summary>
    public static void EvaluateBatchMixed<TKernel>(ReadOnlySpan<int> inputs, Span<int> outputs)
        where TKernel : struct, IMixedTicketKernel
    {
        int count = inputs.Length / TKernel.InputCount;
        int s = 0;
        s = Vector512.IsHardwareAccelerated ? MixedBlocks<TKernel, Vector512<short>, Int16Lanes512, Vector512<int>, Int32Lanes512>(inputs, outputs, s, count) : s;
        s = Vector256.IsHardwareAccelerated ? MixedBlocks<TKernel, Vector256<short>, Int16Lanes256, Vector256<int>, Int32Lanes256>(inputs, outputs, s, count) : s;
        s = Vector128.IsHardwareAccelerated ? MixedBlocks<TKernel, Vector128<short>, Int16Lanes128, Vector128<int>, Int32Lanes128>(inputs, outputs, s, count) : s;
        EvaluateBatchFrom<TKernel>(inputs, outputs, s);
    }

    /// <summary>lower[j] and upper[j]: the two halves of narrow[j], sign-extended (the step from a mixed kernel's narrow layers to its wide ones).</summary>
    public static void Widen<TNarrow, TNarrowLanes, T>(ReadOnlySpan<TNarrow> narrow, Span<T> lower, Span<T> upper)
        where TNarrow : unmanaged
        where TNarrowLanes : struct, INarrowLanes<TNarrow, T>
        where T : unmanaged
    {
        lower = lower.Slice(0, narrow.Length);
        upper = upper.Slice(0, narrow.Length);
        for (int j = 0; j < narrow.Length; j++)
        {
            lower[j] = TNarrowLanes.WidenLower(narrow[j]);
            upper[j] = TNarrowLanes.WidenUpper(narrow[j]);
        }
    }

    /// <summary>Samples into 16-bit lanes: each half of the block into wide lanes (the SIMD transpose), then narrowed pairwise.</summary>
    /// <exception cref="ArgumentException">samples does not hold a block of samples of lanes.Length features.</exception>
    internal static void ToNarrowLanes<TNarrow, TNarrowLanes, T, TLanes>(ReadOnlySpan<int> samples, Span<TNarrow> lanes)
        where TNarrow : unmanaged
        where TNarrowLanes : struct, INarrowLanes<TNarrow, T>
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        int features = lanes.Length, half = TLanes.Count * features;
        CheckNarrowBlock(samples.Length, features, TNarrowLanes.Count);

        var wide = LaneMemory<T>.Get(LaneMemory<T>.StagingSlot, 2 * features);
        TLanes.ToLanes(samples.Slice(0, half), wide.Slice(0, features));
        TLanes.ToLanes(samples.Slice(half), wide.Slice(features, features));
        for (int j = 0; j < features; j++)
        {
            lanes[j] = TNarrowLanes.Narrow(wide[j], wide[features + j]);
        }
    }

    /// <summary>The inverse of <see cref="ToNarrowLanes"/>: widened, then each half back to sample-major.</summary>
    /// <exception cref="ArgumentException">samples does not hold a block of samples of lanes.Length values.</exception>
    internal static void FromNarrowLanes<TNarrow, TNarrowLanes, T, TLanes>(ReadOnlySpan<TNarrow> lanes, Span<int> samples)
        where TNarrow : unmanaged
        where TNarrowLanes : struct, INarrowLanes<TNarrow, T>
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        int values = lanes.Length, half = TLanes.Count * values;
        CheckNarrowBlock(samples.Length, values, TNarrowLanes.Count);

        var wide = LaneMemory<T>.Get(LaneMemory<T>.StagingSlot, 2 * values);
        Widen<TNarrow, TNarrowLanes, T>(lanes, wide.Slice(0, values), wide.Slice(values, values));
        TLanes.FromLanes(wide.Slice(0, values), samples.Slice(0, half));
        TLanes.FromLanes(wide.Slice(values, values), samples.Slice(half));
    }

    /// <exception cref="ArgumentException">samples does not hold <paramref name="lanes"/> samples of <paramref name="values"/> values.</exception>
    private static void CheckNarrowBlock(int samples, int values, int lanes)
    {
        if (samples != values * lanes)
        {
            throw new ArgumentException("A block of " + lanes + " samples of " + values + " values needs " + (values * lanes) + " values; the span has " + samples + ".", nameof(samples));
        }
    }

    private static int MixedBlocks<TKernel, TNarrow, TNarrowLanes, T, TLanes>(ReadOnlySpan<int> inputs, Span<int> outputs, int s, int count)
        where TKernel : struct, IMixedTicketKernel
        where TNarrow : unmanaged
        where TNarrowLanes : struct, INarrowLanes<TNarrow, T>
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        int n = TNarrowLanes.Count, half = TLanes.Count, din = TKernel.InputCount, dout = TKernel.OutputCount;
        if (s + n > count)
        {
            return s;
        }

        var x = LaneMemory<TNarrow>.Get(LaneMemory<TNarrow>.DriverSlot, din);
        var y = LaneMemory<T>.Get(LaneMemory<T>.DriverSlot, 2 * dout);
        var lower = y.Slice(0, dout);
        var upper = y.Slice(dout, dout);
        for (; s + n <= count; s += n)
        {
            TNarrowLanes.ToLanes(inputs.Slice(s * din, n * din), x);
            TKernel.RunMixed<TNarrow, TNarrowLanes, T, TLanes>(x, lower, upper);
            TLanes.FromLanes(lower, outputs.Slice(s * dout, half * dout));
            TLanes.FromLanes(upper, outputs.Slice((s + half) * dout, half * dout));
        }

        return s;
    }

    private static void EvaluateBatchFrom<TKernel>(ReadOnlySpan<int> inputs, Span<int> outputs, int s)
        where TKernel : struct, ITicketKernel
    {
        int count = inputs.Length / TKernel.InputCount;
        if (TKernel.LongLanes)
        {
            s = Vector512.IsHardwareAccelerated ? Blocks<TKernel, Vector512<long>, Int64Lanes512>(inputs, outputs, s, count) : s;
            s = Vector256.IsHardwareAccelerated ? Blocks<TKernel, Vector256<long>, Int64Lanes256>(inputs, outputs, s, count) : s;
            s = Vector128.IsHardwareAccelerated ? Blocks<TKernel, Vector128<long>, Int64Lanes128>(inputs, outputs, s, count) : s;
            Blocks<TKernel, long, Int64Scalar>(inputs, outputs, s, count);
        }
        else
        {
            s = Vector512.IsHardwareAccelerated ? Blocks<TKernel, Vector512<int>, Int32Lanes512>(inputs, outputs, s, count) : s;
            s = Vector256.IsHardwareAccelerated ? Blocks<TKernel, Vector256<int>, Int32Lanes256>(inputs, outputs, s, count) : s;
            s = Vector128.IsHardwareAccelerated ? Blocks<TKernel, Vector128<int>, Int32Lanes128>(inputs, outputs, s, count) : s;
            for (; s < count; s++)
            {
                TKernel.Run<int, Int32Scalar>(inputs.Slice(s * TKernel.InputCount, TKernel.InputCount), outputs.Slice(s * TKernel.OutputCount, TKernel.OutputCount));
            }
        }
    }

    private static int Blocks<TKernel, T, TLanes>(ReadOnlySpan<int> inputs, Span<int> outputs, int s, int count)
        where TKernel : struct, ITicketKernel
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        int n = TLanes.Count, din = TKernel.InputCount, dout = TKernel.OutputCount;
        if (s + n > count)
        {
            return s;
        }

        var buffer = LaneMemory<T>.Get(LaneMemory<T>.DriverSlot, din + dout);
        var x = buffer.Slice(0, din);
        var y = buffer.Slice(din, dout);
        for (; s + n <= count; s += n)
        {
            TLanes.ToLanes(inputs.Slice(s * din, n * din), x);
            TKernel.Run<T, TLanes>(x, y);
            TLanes.FromLanes(y, outputs.Slice(s * dout, n * dout));
        }

        return s;
    }
}
#endif
