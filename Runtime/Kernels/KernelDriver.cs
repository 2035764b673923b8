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
        where TKernel : struct, ITicketKernel
    {
        int count = inputs.Length / TKernel.InputCount;
        int s = 0;
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
