using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
#endif

namespace SlthGen;

/// <summary>One step of a <see cref="TicketProgram"/>: a layer, or a fused pair of layers.</summary>
internal abstract class ProgramStage
{
    protected ProgramStage(int outputs, int scratch, bool relu, int shift)
    {
        Outputs = outputs;
        Scratch = scratch;
        Relu = relu;
        Shift = shift;
    }

    /// <summary>Live outputs.</summary>
    public int Outputs { get; }

    /// <summary>Lane values of working space the stage needs beside its output.</summary>
    public int Scratch { get; }

    /// <summary>σ on the stage's output.</summary>
    public bool Relu { get; }

    /// <summary>The floor shift of the stage's output (bits).</summary>
    public int Shift { get; }

    /// <summary>The plain 64-bit form of the lane kernel: the netstandard2.0 path and its readable statement.</summary>
    public abstract void RunScalar(ReadOnlySpan<long> x, Span<long> y);

    protected static long Store(long sum, bool relu, int shift) => (relu && sum < 0 ? 0 : sum) >> shift;

#if NET8_0_OR_GREATER
    /// <summary>Reads <paramref name="x"/> (the previous stage's live outputs) and writes <paramref name="y"/>.</summary>
    public abstract void Run<T, TLanes>(ReadOnlySpan<T> x, Span<T> y, Span<T> scratch)
        where T : unmanaged
        where TLanes : struct, ILanes<T>;

    protected static T Store<T, TLanes>(T sum, bool relu, int shift)
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        if (relu)
        {
            sum = TLanes.Relu(sum);
        }

        return shift == 0 ? sum : TLanes.ShiftRightArithmetic(sum, shift);
    }

    /// <summary>
    /// acc + Σ_g weights[g] · Σ_{e in group g} values[sources[e]] for groups [first, end): the
    /// inner loop of every table kernel. Reads without bounds checks: each stage validates its
    /// source indices against the width of what it reads when it builds its tables.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static T AddGroups<T, TLanes>(T acc, ref T values, ref int sources, int[] groupSources, long[] weights, int first, int end)
        where T : unmanaged
        where TLanes : struct, ILanes<T>
    {
        for (int g = first; g < end; g++)
        {
            int e = groupSources[g], stop = groupSources[g + 1];
            T s = Unsafe.Add(ref values, Unsafe.Add(ref sources, e));
            e++;

            // Four terms per iteration on two chains: one loop exit per four terms, and the
            // one-sample path (scalar lanes, groups of ~200 terms at 784-500-10) no longer
            // waits on one add chain.
            if (stop - e >= 4)
            {
                T t = TLanes.Zero;
                for (; e + 4 <= stop; e += 4)
                {
                    s = TLanes.Add(s, Unsafe.Add(ref values, Unsafe.Add(ref sources, e)));
                    t = TLanes.Add(t, Unsafe.Add(ref values, Unsafe.Add(ref sources, e + 1)));
                    s = TLanes.Add(s, Unsafe.Add(ref values, Unsafe.Add(ref sources, e + 2)));
                    t = TLanes.Add(t, Unsafe.Add(ref values, Unsafe.Add(ref sources, e + 3)));
                }

                s = TLanes.Add(s, t);
            }

            for (; e < stop; e++)
            {
                s = TLanes.Add(s, Unsafe.Add(ref values, Unsafe.Add(ref sources, e)));
            }

            acc = TLanes.Add(acc, TLanes.Multiply(s, weights[g]));
        }

        return acc;
    }
#endif
}
