#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SlthGen;

/// <summary>Four <see cref="Vector512{T}"/> of int side by side: 64 samples, one per lane.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Int32Quad512
{
    /// <summary>Samples 0–15.</summary>
    public Vector512<int> A;

    /// <summary>Samples 16–31.</summary>
    public Vector512<int> B;

    /// <summary>Samples 32–47.</summary>
    public Vector512<int> C;

    /// <summary>Samples 48–63.</summary>
    public Vector512<int> D;
}

/// <summary>
/// 64 samples in the 16-bit lanes of two Vector512s, the narrow form of <see cref="Int32Quad512"/>
/// for values the overflow proof keeps in int16 (a fused stage's hidden neurons): half the bytes
/// to store and to read back per term.
/// </summary>
internal struct Int16Pair512
{
    /// <summary>Samples 0–31.</summary>
    public Vector512<short> Low;

    /// <summary>Samples 32–63.</summary>
    public Vector512<short> High;

    /// <summary>The values of <paramref name="wide"/>, each of which fits int16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int16Pair512 Narrow(Int32Quad512 wide) =>
        new() { Low = Vector512.Narrow(wide.A, wide.B), High = Vector512.Narrow(wide.C, wide.D) };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int16Pair512 Add(Int16Pair512 a, Int16Pair512 b) => new() { Low = a.Low + b.Low, High = a.High + b.High };

    /// <summary>The values sign-extended to 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int32Quad512 Widen(Int16Pair512 narrow) => new()
    {
        A = Vector512.WidenLower(narrow.Low),
        B = Vector512.WidenUpper(narrow.Low),
        C = Vector512.WidenLower(narrow.High),
        D = Vector512.WidenUpper(narrow.High),
    };
}

/// <summary>
/// 64 samples in the 32-bit lanes of four Vector512s. The kernels' inner loops are short loops
/// over sparse terms whose lengths vary (a weight group, a row): each ends in a mispredicted
/// branch and starts a chain of dependent adds. Four vectors per term amortise both over four
/// times the samples, and give the core four independent chains.
/// </summary>
internal readonly struct Int32Lanes512x4 : ILanes<Int32Quad512>
{
    /// <inheritdoc/>
    public static int Count => 4 * Vector512<int>.Count;

    /// <inheritdoc/>
    public static Int32Quad512 Zero => default;

    /// <inheritdoc/>
    public static Int32Quad512 Create(long value)
    {
        var v = Vector512.Create((int)value);
        return new Int32Quad512 { A = v, B = v, C = v, D = v };
    }

    /// <inheritdoc/>
    public static Int32Quad512 Add(Int32Quad512 a, Int32Quad512 b) =>
        new() { A = a.A + b.A, B = a.B + b.B, C = a.C + b.C, D = a.D + b.D };

    /// <inheritdoc/>
    public static Int32Quad512 Subtract(Int32Quad512 a, Int32Quad512 b) =>
        new() { A = a.A - b.A, B = a.B - b.B, C = a.C - b.C, D = a.D - b.D };

    /// <inheritdoc/>
    public static Int32Quad512 Multiply(Int32Quad512 a, long weight)
    {
        var w = Vector512.Create((int)weight);
        return new Int32Quad512 { A = a.A * w, B = a.B * w, C = a.C * w, D = a.D * w };
    }

    /// <inheritdoc/>
    public static Int32Quad512 ShiftLeft(Int32Quad512 a, int bits) =>
        new() { A = Vector512.ShiftLeft(a.A, bits), B = Vector512.ShiftLeft(a.B, bits), C = Vector512.ShiftLeft(a.C, bits), D = Vector512.ShiftLeft(a.D, bits) };

    /// <inheritdoc/>
    public static Int32Quad512 Relu(Int32Quad512 a) =>
        new() { A = Vector512.Max(a.A, Vector512<int>.Zero), B = Vector512.Max(a.B, Vector512<int>.Zero), C = Vector512.Max(a.C, Vector512<int>.Zero), D = Vector512.Max(a.D, Vector512<int>.Zero) };

    /// <inheritdoc/>
    public static Int32Quad512 ShiftRightArithmetic(Int32Quad512 a, int bits) =>
        new() { A = Vector512.ShiftRightArithmetic(a.A, bits), B = Vector512.ShiftRightArithmetic(a.B, bits), C = Vector512.ShiftRightArithmetic(a.C, bits), D = Vector512.ShiftRightArithmetic(a.D, bits) };

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Int32Quad512> lanes)
    {
        // Each quarter of the samples through the 16-lane transpose into a staging span, then
        // into its place in every quad.
        int features = lanes.Length, quarter = Vector512<int>.Count * features;
        var staging = LaneMemory<Vector512<int>>.Get(LaneMemory<Vector512<int>>.StagingSlot, features);
        var vectors = MemoryMarshal.Cast<Int32Quad512, Vector512<int>>(lanes);
        for (int q = 0; q < 4; q++)
        {
            SampleLanes.ToLanes(samples.Slice(q * quarter, quarter), staging);
            for (int j = 0; j < features; j++)
            {
                vectors[(4 * j) + q] = staging[j];
            }
        }
    }

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Int32Quad512> lanes, Span<int> samples)
    {
        int features = lanes.Length, quarter = Vector512<int>.Count * features;
        var staging = LaneMemory<Vector512<int>>.Get(LaneMemory<Vector512<int>>.StagingSlot, features);
        var vectors = MemoryMarshal.Cast<Int32Quad512, Vector512<int>>(lanes);
        for (int q = 0; q < 4; q++)
        {
            for (int j = 0; j < features; j++)
            {
                staging[j] = vectors[(4 * j) + q];
            }

            SampleLanes.FromLanes(staging, samples.Slice(q * quarter, quarter));
        }
    }
}
#endif
