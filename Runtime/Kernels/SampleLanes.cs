#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SlthGen;

/// <summary>
/// Moves samples into SIMD lanes and back for the generated batch kernels, which run one sample
/// per lane: lane vector j holds feature j of every sample in the block. With AVX-512 the int
/// case transposes 16×16 tiles in registers (four butterfly stages of <c>vpermt2d</c>) instead of
/// copying element by element.
/// </summary>
public static class SampleLanes
{
    /// <summary>lanes[j][s] = samples[s·lanes.Length + j] for the 16 samples of the block.</summary>
    /// <exception cref="ArgumentException">samples does not hold 16 samples of lanes.Length features.</exception>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector512<int>> lanes)
    {
        Check(samples.Length, lanes.Length, Vector512<int>.Count, nameof(samples));
        int done = 0;
        if (Avx512F.IsSupported)
        {
            for (; done + 16 <= lanes.Length; done += 16)
            {
                Transpose16(samples, lanes.Length, done, lanes.Slice(done, 16));
            }
        }

        Scatter(samples, MemoryMarshal.Cast<Vector512<int>, int>(lanes), lanes.Length, Vector512<int>.Count, done);
    }

    /// <summary>lanes[j][s] = samples[s·lanes.Length + j] for the 8 samples of the block.</summary>
    /// <exception cref="ArgumentException">samples does not hold 8 samples of lanes.Length features.</exception>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector256<int>> lanes) =>
        ScatterChecked(samples, MemoryMarshal.Cast<Vector256<int>, int>(lanes), lanes.Length, Vector256<int>.Count);

    /// <summary>lanes[j][s] = samples[s·lanes.Length + j] for the 4 samples of the block.</summary>
    /// <exception cref="ArgumentException">samples does not hold 4 samples of lanes.Length features.</exception>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector128<int>> lanes) =>
        ScatterChecked(samples, MemoryMarshal.Cast<Vector128<int>, int>(lanes), lanes.Length, Vector128<int>.Count);

    /// <summary>lanes[j][s] = samples[s·lanes.Length + j] (64-bit lanes, for kernels whose sums need them).</summary>
    /// <exception cref="ArgumentException">samples does not hold a block of samples of lanes.Length features.</exception>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector512<long>> lanes) =>
        ScatterChecked(samples, MemoryMarshal.Cast<Vector512<long>, long>(lanes), lanes.Length, Vector512<long>.Count);

    /// <inheritdoc cref="ToLanes(ReadOnlySpan{int}, Span{Vector512{long}})"/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector256<long>> lanes) =>
        ScatterChecked(samples, MemoryMarshal.Cast<Vector256<long>, long>(lanes), lanes.Length, Vector256<long>.Count);

    /// <inheritdoc cref="ToLanes(ReadOnlySpan{int}, Span{Vector512{long}})"/>
    public static void ToLanes(ReadOnlySpan<int> samples, Span<Vector128<long>> lanes) =>
        ScatterChecked(samples, MemoryMarshal.Cast<Vector128<long>, long>(lanes), lanes.Length, Vector128<long>.Count);

    /// <summary>samples[s·lanes.Length + k] = lanes[k][s]: the block's outputs back to sample-major.</summary>
    /// <exception cref="ArgumentException">samples does not hold a block of samples of lanes.Length values.</exception>
    public static void FromLanes(ReadOnlySpan<Vector512<int>> lanes, Span<int> samples) =>
        Gather(MemoryMarshal.Cast<Vector512<int>, int>(lanes), samples, lanes.Length, Vector512<int>.Count);

    /// <inheritdoc cref="FromLanes(ReadOnlySpan{Vector512{int}}, Span{int})"/>
    public static void FromLanes(ReadOnlySpan<Vector256<int>> lanes, Span<int> samples) =>
        Gather(MemoryMarshal.Cast<Vector256<int>, int>(lanes), samples, lanes.Length, Vector256<int>.Count);

    /// <inheritdoc cref="FromLanes(ReadOnlySpan{Vector512{int}}, Span{int})"/>
    public static void FromLanes(ReadOnlySpan<Vector128<int>> lanes, Span<int> samples) =>
        Gather(MemoryMarshal.Cast<Vector128<int>, int>(lanes), samples, lanes.Length, Vector128<int>.Count);

    /// <summary>samples[s·lanes.Length + k] = (int)lanes[k][s] (64-bit lanes; the overflow proof puts the outputs in int32).</summary>
    /// <exception cref="ArgumentException">samples does not hold a block of samples of lanes.Length values.</exception>
    public static void FromLanes(ReadOnlySpan<Vector512<long>> lanes, Span<int> samples) =>
        Gather(MemoryMarshal.Cast<Vector512<long>, long>(lanes), samples, lanes.Length, Vector512<long>.Count);

    /// <inheritdoc cref="FromLanes(ReadOnlySpan{Vector512{long}}, Span{int})"/>
    public static void FromLanes(ReadOnlySpan<Vector256<long>> lanes, Span<int> samples) =>
        Gather(MemoryMarshal.Cast<Vector256<long>, long>(lanes), samples, lanes.Length, Vector256<long>.Count);

    /// <inheritdoc cref="FromLanes(ReadOnlySpan{Vector512{long}}, Span{int})"/>
    public static void FromLanes(ReadOnlySpan<Vector128<long>> lanes, Span<int> samples) =>
        Gather(MemoryMarshal.Cast<Vector128<long>, long>(lanes), samples, lanes.Length, Vector128<long>.Count);

    /// <summary>
    /// Features [first, first + 16) of the 16 samples: row s of the tile is sample s's 16 features
    /// (one contiguous load), and stage b swaps bit b of the row index with bit b of the column,
    /// exchanging element (r, c + b) with (r + b, c) for b = 8, 4, 2, 1.
    /// </summary>
    private static void Transpose16(ReadOnlySpan<int> samples, int features, int first, Span<Vector512<int>> tile)
    {
        ref int source = ref MemoryMarshal.GetReference(samples);
        for (int s = 0; s < 16; s++)
        {
            tile[s] = Vector512.LoadUnsafe(ref source, (nuint)((s * features) + first));
        }

        for (int b = 8; b >= 1; b /= 2)
        {
            var (low, high) = StageIndices(b);
            for (int r = 0; r < 16; r++)
            {
                if ((r & b) == 0)
                {
                    var top = tile[r];
                    var bottom = tile[r + b];
                    tile[r] = Avx512F.PermuteVar16x32x2(top, low, bottom);
                    tile[r + b] = Avx512F.PermuteVar16x32x2(top, high, bottom);
                }
            }
        }
    }

    /// <summary>
    /// For stage b: the upper row keeps its columns without bit b and takes the lower row's
    /// column c − b where c has bit b; the lower row takes the upper row's column c + b where c
    /// lacks bit b and keeps its own otherwise (indices ≥ 16 select the second operand).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<int> Low, Vector512<int> High) StageIndices(int b)
    {
        var column = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var hasBit = Vector512.Equals(column & Vector512.Create(b), Vector512.Create(b));
        var low = Vector512.ConditionalSelect(hasBit, column + Vector512.Create(16 - b), column);
        var high = Vector512.ConditionalSelect(hasBit, column + Vector512.Create(16), column + Vector512.Create(b));
        return (low, high);
    }

    private static void ScatterChecked<T>(ReadOnlySpan<int> samples, Span<T> flat, int features, int lanes)
        where T : struct
    {
        Check(samples.Length, features, lanes, nameof(samples));
        Scatter(samples, flat, features, lanes, 0);
    }

    /// <summary>Features [first, features) element by element: flat[j·lanes + s] = samples[s·features + j].</summary>
    private static void Scatter<T>(ReadOnlySpan<int> samples, Span<T> flat, int features, int lanes, int first)
        where T : struct
    {
        for (int s = 0; s < lanes; s++)
        {
            var sample = samples.Slice(s * features, features);
            for (int j = first; j < features; j++)
            {
                flat[(j * lanes) + s] = typeof(T) == typeof(long) ? (T)(object)(long)sample[j] : (T)(object)sample[j];
            }
        }
    }

    private static void Gather<T>(ReadOnlySpan<T> flat, Span<int> samples, int values, int lanes)
        where T : struct
    {
        Check(samples.Length, values, lanes, nameof(samples));
        for (int s = 0; s < lanes; s++)
        {
            var sample = samples.Slice(s * values, values);
            for (int k = 0; k < values; k++)
            {
                sample[k] = typeof(T) == typeof(long) ? checked((int)(long)(object)flat[(k * lanes) + s]) : (int)(object)flat[(k * lanes) + s];
            }
        }
    }

    private static void Check(int samples, int features, int lanes, string name)
    {
        if (samples != features * lanes)
        {
            throw new ArgumentException("A block of " + lanes + " samples of " + features + " values needs " + (features * lanes) + " values; the span has " + samples + ".", name);
        }
    }
}
#endif
