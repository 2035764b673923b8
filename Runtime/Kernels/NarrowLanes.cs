#if NET8_0_OR_GREATER
using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SlthGen;

/// <summary>
/// 16-bit lanes that pair with a 32-bit lane type of the same vector width: twice the samples per
/// vector, for the leading layers of a ticket whose overflow proof puts every partial sum in
/// int16 (<see cref="IMixedTicketKernel"/>). The two 16-bit halves of 32-bit lane i hold lane i of
/// the lower wide value (low half) and of the upper one (high half): narrowing and widening are a
/// mask and shifts, and the 32-bit sample transposes put samples straight into place. Every lane
/// operation is lane-wise, so the order is seen only by the conversions.
/// </summary>
/// <typeparam name="TNarrow">The 16-bit lane type.</typeparam>
/// <typeparam name="TWide">The 32-bit lane type with half as many lanes.</typeparam>
public interface INarrowLanes<TNarrow, TWide> : ILanes<TNarrow>
    where TNarrow : unmanaged
    where TWide : unmanaged
{
    /// <summary>Both values truncated to 16 bits, lower in the low halves (the callers' values fit).</summary>
    static abstract TNarrow Narrow(TWide lower, TWide upper);

    /// <summary>The lower value: the low 16 bits of each 32-bit lane, sign-extended.</summary>
    static abstract TWide WidenLower(TNarrow value);

    /// <summary>The upper value: the high 16 bits of each 32-bit lane, sign-extended.</summary>
    static abstract TWide WidenUpper(TNarrow value);
}

/// <summary>32 samples in the 16-bit lanes of a Vector512 (pairs with <see cref="Int32Lanes512"/>).</summary>
public readonly struct Int16Lanes512 : INarrowLanes<Vector512<short>, Vector512<int>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<short>.Count;

    /// <inheritdoc/>
    public static Vector512<short> Zero => Vector512<short>.Zero;

    /// <inheritdoc/>
    public static Vector512<short> Create(long value) => Vector512.Create((short)value);

    /// <inheritdoc/>
    public static Vector512<short> Add(Vector512<short> a, Vector512<short> b) => a + b;

    /// <inheritdoc/>
    public static Vector512<short> Subtract(Vector512<short> a, Vector512<short> b) => a - b;

    /// <inheritdoc/>
    public static Vector512<short> Multiply(Vector512<short> a, long weight) => a * (short)weight;

    /// <inheritdoc/>
    public static Vector512<short> ShiftLeft(Vector512<short> a, int bits) => Vector512.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector512<short> Relu(Vector512<short> a) => Vector512.Max(a, Vector512<short>.Zero);

    /// <inheritdoc/>
    public static Vector512<short> ShiftRightArithmetic(Vector512<short> a, int bits) => Vector512.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static Vector512<short> Narrow(Vector512<int> lower, Vector512<int> upper) => ((lower & Vector512.Create(0xFFFF)) | Vector512.ShiftLeft(upper, 16)).AsInt16();

    /// <inheritdoc/>
    public static Vector512<int> WidenLower(Vector512<short> value) => Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(value.AsInt32(), 16), 16);

    /// <inheritdoc/>
    public static Vector512<int> WidenUpper(Vector512<short> value) => Vector512.ShiftRightArithmetic(value.AsInt32(), 16);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector512<short>> lanes)
    {
        if (Avx512F.IsSupported)
        {
            SampleLanes.ToNarrowLanes(samples, lanes);
        }
        else
        {
            KernelDriver.ToNarrowLanes<Vector512<short>, Int16Lanes512, Vector512<int>, Int32Lanes512>(samples, lanes);
        }
    }

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector512<short>> lanes, Span<int> samples) =>
        KernelDriver.FromNarrowLanes<Vector512<short>, Int16Lanes512, Vector512<int>, Int32Lanes512>(lanes, samples);
}

/// <summary>16 samples in the 16-bit lanes of a Vector256 (pairs with <see cref="Int32Lanes256"/>).</summary>
public readonly struct Int16Lanes256 : INarrowLanes<Vector256<short>, Vector256<int>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<short>.Count;

    /// <inheritdoc/>
    public static Vector256<short> Zero => Vector256<short>.Zero;

    /// <inheritdoc/>
    public static Vector256<short> Create(long value) => Vector256.Create((short)value);

    /// <inheritdoc/>
    public static Vector256<short> Add(Vector256<short> a, Vector256<short> b) => a + b;

    /// <inheritdoc/>
    public static Vector256<short> Subtract(Vector256<short> a, Vector256<short> b) => a - b;

    /// <inheritdoc/>
    public static Vector256<short> Multiply(Vector256<short> a, long weight) => a * (short)weight;

    /// <inheritdoc/>
    public static Vector256<short> ShiftLeft(Vector256<short> a, int bits) => Vector256.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector256<short> Relu(Vector256<short> a) => Vector256.Max(a, Vector256<short>.Zero);

    /// <inheritdoc/>
    public static Vector256<short> ShiftRightArithmetic(Vector256<short> a, int bits) => Vector256.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static Vector256<short> Narrow(Vector256<int> lower, Vector256<int> upper) => ((lower & Vector256.Create(0xFFFF)) | Vector256.ShiftLeft(upper, 16)).AsInt16();

    /// <inheritdoc/>
    public static Vector256<int> WidenLower(Vector256<short> value) => Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(value.AsInt32(), 16), 16);

    /// <inheritdoc/>
    public static Vector256<int> WidenUpper(Vector256<short> value) => Vector256.ShiftRightArithmetic(value.AsInt32(), 16);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector256<short>> lanes) =>
        KernelDriver.ToNarrowLanes<Vector256<short>, Int16Lanes256, Vector256<int>, Int32Lanes256>(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector256<short>> lanes, Span<int> samples) =>
        KernelDriver.FromNarrowLanes<Vector256<short>, Int16Lanes256, Vector256<int>, Int32Lanes256>(lanes, samples);
}

/// <summary>8 samples in the 16-bit lanes of a Vector128 (pairs with <see cref="Int32Lanes128"/>).</summary>
public readonly struct Int16Lanes128 : INarrowLanes<Vector128<short>, Vector128<int>>
{
    /// <inheritdoc/>
    public static int Count => Vector128<short>.Count;

    /// <inheritdoc/>
    public static Vector128<short> Zero => Vector128<short>.Zero;

    /// <inheritdoc/>
    public static Vector128<short> Create(long value) => Vector128.Create((short)value);

    /// <inheritdoc/>
    public static Vector128<short> Add(Vector128<short> a, Vector128<short> b) => a + b;

    /// <inheritdoc/>
    public static Vector128<short> Subtract(Vector128<short> a, Vector128<short> b) => a - b;

    /// <inheritdoc/>
    public static Vector128<short> Multiply(Vector128<short> a, long weight) => a * (short)weight;

    /// <inheritdoc/>
    public static Vector128<short> ShiftLeft(Vector128<short> a, int bits) => Vector128.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector128<short> Relu(Vector128<short> a) => Vector128.Max(a, Vector128<short>.Zero);

    /// <inheritdoc/>
    public static Vector128<short> ShiftRightArithmetic(Vector128<short> a, int bits) => Vector128.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static Vector128<short> Narrow(Vector128<int> lower, Vector128<int> upper) => ((lower & Vector128.Create(0xFFFF)) | Vector128.ShiftLeft(upper, 16)).AsInt16();

    /// <inheritdoc/>
    public static Vector128<int> WidenLower(Vector128<short> value) => Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(value.AsInt32(), 16), 16);

    /// <inheritdoc/>
    public static Vector128<int> WidenUpper(Vector128<short> value) => Vector128.ShiftRightArithmetic(value.AsInt32(), 16);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector128<short>> lanes) =>
        KernelDriver.ToNarrowLanes<Vector128<short>, Int16Lanes128, Vector128<int>, Int32Lanes128>(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector128<short>> lanes, Span<int> samples) =>
        KernelDriver.FromNarrowLanes<Vector128<short>, Int16Lanes128, Vector128<int>, Int32Lanes128>(lanes, samples);
}
#endif
