#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SlthGen;

/// <summary>
/// The integer operations a ticket kernel needs, over one lane type: a scalar (one sample) or a
/// SIMD vector (one sample per lane). Kernels are written once, generic over a struct that
/// implements this interface; the JIT specialises them per lane type, so one text serves
/// <c>Evaluate</c> and every vector width of <c>EvaluateBatch</c>. Generated code and the
/// runtime's table kernels both use it. Every operation is exact integer arithmetic; callers
/// guarantee, by the overflow proof, that nothing wraps.
/// </summary>
/// <typeparam name="T">The lane type: int, long, or a Vector128/256/512 of them.</typeparam>
public interface ILanes<T>
    where T : unmanaged
{
    /// <summary>Samples per value (1 for scalars).</summary>
    static abstract int Count { get; }

    /// <summary>0 in every lane.</summary>
    static abstract T Zero { get; }

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract T Create(long value);

    /// <summary>a + b.</summary>
    static abstract T Add(T a, T b);

    /// <summary>a − b.</summary>
    static abstract T Subtract(T a, T b);

    /// <summary>a · <paramref name="weight"/>.</summary>
    static abstract T Multiply(T a, long weight);

    /// <summary>a · 2^<paramref name="bits"/>.</summary>
    static abstract T ShiftLeft(T a, int bits);

    /// <summary>max(a, 0): σ.</summary>
    static abstract T Relu(T a);

    /// <summary>⌊a / 2^<paramref name="bits"/>⌋: the floor to γ.</summary>
    static abstract T ShiftRightArithmetic(T a, int bits);

    /// <summary>lanes[j] holds feature j of the Count samples in <paramref name="samples"/> (sample-major).</summary>
    static abstract void ToLanes(ReadOnlySpan<int> samples, Span<T> lanes);

    /// <summary>The inverse of <see cref="ToLanes"/> for outputs; values fit int by the overflow proof.</summary>
    static abstract void FromLanes(ReadOnlySpan<T> lanes, Span<int> samples);
}

/// <summary>One sample, 32-bit.</summary>
public readonly struct Int32Scalar : ILanes<int>
{
    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static int Zero => 0;

    /// <inheritdoc/>
    public static int Create(long value) => (int)value;

    /// <inheritdoc/>
    public static int Add(int a, int b) => a + b;

    /// <inheritdoc/>
    public static int Subtract(int a, int b) => a - b;

    /// <inheritdoc/>
    public static int Multiply(int a, long weight) => a * (int)weight;

    /// <inheritdoc/>
    public static int ShiftLeft(int a, int bits) => a << bits;

    /// <inheritdoc/>
    public static int Relu(int a) => a > 0 ? a : 0;

    /// <inheritdoc/>
    public static int ShiftRightArithmetic(int a, int bits) => a >> bits;

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<int> lanes) => samples.CopyTo(lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<int> lanes, Span<int> samples) => lanes.CopyTo(samples);
}

/// <summary>One sample, 64-bit (for networks whose sums need it).</summary>
public readonly struct Int64Scalar : ILanes<long>
{
    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static long Zero => 0;

    /// <inheritdoc/>
    public static long Create(long value) => value;

    /// <inheritdoc/>
    public static long Add(long a, long b) => a + b;

    /// <inheritdoc/>
    public static long Subtract(long a, long b) => a - b;

    /// <inheritdoc/>
    public static long Multiply(long a, long weight) => a * weight;

    /// <inheritdoc/>
    public static long ShiftLeft(long a, int bits) => a << bits;

    /// <inheritdoc/>
    public static long Relu(long a) => a > 0 ? a : 0;

    /// <inheritdoc/>
    public static long ShiftRightArithmetic(long a, int bits) => a >> bits;

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<long> lanes)
    {
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = samples[i];
        }
    }

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<long> lanes, Span<int> samples)
    {
        for (int i = 0; i < lanes.Length; i++)
        {
            samples[i] = (int)lanes[i];
        }
    }
}

/// <summary>16 samples in the 32-bit lanes of a Vector512.</summary>
public readonly struct Int32Lanes512 : ILanes<Vector512<int>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<int>.Count;

    /// <inheritdoc/>
    public static Vector512<int> Zero => Vector512<int>.Zero;

    /// <inheritdoc/>
    public static Vector512<int> Create(long value) => Vector512.Create((int)value);

    /// <inheritdoc/>
    public static Vector512<int> Add(Vector512<int> a, Vector512<int> b) => a + b;

    /// <inheritdoc/>
    public static Vector512<int> Subtract(Vector512<int> a, Vector512<int> b) => a - b;

    /// <inheritdoc/>
    public static Vector512<int> Multiply(Vector512<int> a, long weight) => a * (int)weight;

    /// <inheritdoc/>
    public static Vector512<int> ShiftLeft(Vector512<int> a, int bits) => Vector512.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector512<int> Relu(Vector512<int> a) => Vector512.Max(a, Vector512<int>.Zero);

    /// <inheritdoc/>
    public static Vector512<int> ShiftRightArithmetic(Vector512<int> a, int bits) => Vector512.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector512<int>> lanes) => SampleLanes.ToLanes(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector512<int>> lanes, Span<int> samples) => SampleLanes.FromLanes(lanes, samples);
}

/// <summary>8 samples in the 32-bit lanes of a Vector256.</summary>
public readonly struct Int32Lanes256 : ILanes<Vector256<int>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<int>.Count;

    /// <inheritdoc/>
    public static Vector256<int> Zero => Vector256<int>.Zero;

    /// <inheritdoc/>
    public static Vector256<int> Create(long value) => Vector256.Create((int)value);

    /// <inheritdoc/>
    public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;

    /// <inheritdoc/>
    public static Vector256<int> Subtract(Vector256<int> a, Vector256<int> b) => a - b;

    /// <inheritdoc/>
    public static Vector256<int> Multiply(Vector256<int> a, long weight) => a * (int)weight;

    /// <inheritdoc/>
    public static Vector256<int> ShiftLeft(Vector256<int> a, int bits) => Vector256.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector256<int> Relu(Vector256<int> a) => Vector256.Max(a, Vector256<int>.Zero);

    /// <inheritdoc/>
    public static Vector256<int> ShiftRightArithmetic(Vector256<int> a, int bits) => Vector256.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector256<int>> lanes) => SampleLanes.ToLanes(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector256<int>> lanes, Span<int> samples) => SampleLanes.FromLanes(lanes, samples);
}

/// <summary>4 samples in the 32-bit lanes of a Vector128.</summary>
public readonly struct Int32Lanes128 : ILanes<Vector128<int>>
{
    /// <inheritdoc/>
    public static int Count => Vector128<int>.Count;

    /// <inheritdoc/>
    public static Vector128<int> Zero => Vector128<int>.Zero;

    /// <inheritdoc/>
    public static Vector128<int> Create(long value) => Vector128.Create((int)value);

    /// <inheritdoc/>
    public static Vector128<int> Add(Vector128<int> a, Vector128<int> b) => a + b;

    /// <inheritdoc/>
    public static Vector128<int> Subtract(Vector128<int> a, Vector128<int> b) => a - b;

    /// <inheritdoc/>
    public static Vector128<int> Multiply(Vector128<int> a, long weight) => a * (int)weight;

    /// <inheritdoc/>
    public static Vector128<int> ShiftLeft(Vector128<int> a, int bits) => Vector128.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector128<int> Relu(Vector128<int> a) => Vector128.Max(a, Vector128<int>.Zero);

    /// <inheritdoc/>
    public static Vector128<int> ShiftRightArithmetic(Vector128<int> a, int bits) => Vector128.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector128<int>> lanes) => SampleLanes.ToLanes(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector128<int>> lanes, Span<int> samples) => SampleLanes.FromLanes(lanes, samples);
}

/// <summary>8 samples in the 64-bit lanes of a Vector512.</summary>
public readonly struct Int64Lanes512 : ILanes<Vector512<long>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<long>.Count;

    /// <inheritdoc/>
    public static Vector512<long> Zero => Vector512<long>.Zero;

    /// <inheritdoc/>
    public static Vector512<long> Create(long value) => Vector512.Create(value);

    /// <inheritdoc/>
    public static Vector512<long> Add(Vector512<long> a, Vector512<long> b) => a + b;

    /// <inheritdoc/>
    public static Vector512<long> Subtract(Vector512<long> a, Vector512<long> b) => a - b;

    /// <inheritdoc/>
    public static Vector512<long> Multiply(Vector512<long> a, long weight) => a * weight;

    /// <inheritdoc/>
    public static Vector512<long> ShiftLeft(Vector512<long> a, int bits) => Vector512.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector512<long> Relu(Vector512<long> a) => Vector512.Max(a, Vector512<long>.Zero);

    /// <inheritdoc/>
    public static Vector512<long> ShiftRightArithmetic(Vector512<long> a, int bits) => Vector512.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector512<long>> lanes) => SampleLanes.ToLanes(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector512<long>> lanes, Span<int> samples) => SampleLanes.FromLanes(lanes, samples);
}

/// <summary>4 samples in the 64-bit lanes of a Vector256.</summary>
public readonly struct Int64Lanes256 : ILanes<Vector256<long>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<long>.Count;

    /// <inheritdoc/>
    public static Vector256<long> Zero => Vector256<long>.Zero;

    /// <inheritdoc/>
    public static Vector256<long> Create(long value) => Vector256.Create(value);

    /// <inheritdoc/>
    public static Vector256<long> Add(Vector256<long> a, Vector256<long> b) => a + b;

    /// <inheritdoc/>
    public static Vector256<long> Subtract(Vector256<long> a, Vector256<long> b) => a - b;

    /// <inheritdoc/>
    public static Vector256<long> Multiply(Vector256<long> a, long weight) => a * weight;

    /// <inheritdoc/>
    public static Vector256<long> ShiftLeft(Vector256<long> a, int bits) => Vector256.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector256<long> Relu(Vector256<long> a) => Vector256.Max(a, Vector256<long>.Zero);

    /// <inheritdoc/>
    public static Vector256<long> ShiftRightArithmetic(Vector256<long> a, int bits) => Vector256.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector256<long>> lanes) => SampleLanes.ToLanes(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector256<long>> lanes, Span<int> samples) => SampleLanes.FromLanes(lanes, samples);
}

/// <summary>2 samples in the 64-bit lanes of a Vector128.</summary>
public readonly struct Int64Lanes128 : ILanes<Vector128<long>>
{
    /// <inheritdoc/>
    public static int Count => Vector128<long>.Count;

    /// <inheritdoc/>
    public static Vector128<long> Zero => Vector128<long>.Zero;

    /// <inheritdoc/>
    public static Vector128<long> Create(long value) => Vector128.Create(value);

    /// <inheritdoc/>
    public static Vector128<long> Add(Vector128<long> a, Vector128<long> b) => a + b;

    /// <inheritdoc/>
    public static Vector128<long> Subtract(Vector128<long> a, Vector128<long> b) => a - b;

    /// <inheritdoc/>
    public static Vector128<long> Multiply(Vector128<long> a, long weight) => a * weight;

    /// <inheritdoc/>
    public static Vector128<long> ShiftLeft(Vector128<long> a, int bits) => Vector128.ShiftLeft(a, bits);

    /// <inheritdoc/>
    public static Vector128<long> Relu(Vector128<long> a) => Vector128.Max(a, Vector128<long>.Zero);

    /// <inheritdoc/>
    public static Vector128<long> ShiftRightArithmetic(Vector128<long> a, int bits) => Vector128.ShiftRightArithmetic(a, bits);

    /// <inheritdoc/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector128<long>> lanes) => SampleLanes.ToLanes(samples, lanes);

    /// <inheritdoc/>
    public static void FromLanes(ReadOnlySpan<Vector128<long>> lanes, Span<int> samples) => SampleLanes.FromLanes(lanes, samples);
}
#endif
