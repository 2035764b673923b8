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

    /// <summary>
    /// 32 samples into the 16-bit lanes of <see cref="Int16Lanes512"/>: 32-bit lane i of lanes[j]
    /// holds feature j of sample i in its low half and of sample 16 + i in its high half. The
    /// pairs are formed row by row (one mask, one shift, one or), then one 16×16 transpose puts
    /// every feature in place: no staging and no second pass.
    /// </summary>
    /// <exception cref="ArgumentException">samples does not hold 32 samples of lanes.Length features.</exception>
    internal static void ToNarrowLanes(ReadOnlySpan<int> samples, Span<Vector512<short>> lanes)
    {
        int features = lanes.Length;
        Check(samples.Length, features, 2 * Vector512<int>.Count, nameof(samples));
        ref int source = ref MemoryMarshal.GetReference(samples);
        nuint row = (nuint)features, half = 16 * row;
        int first = 0;
        for (; first + 16 <= features; first += 16)
        {
            nuint at = (nuint)first;
            var r0 = Pair(ref source, at, half);
            var r1 = Pair(ref source, at + row, half);
            var r2 = Pair(ref source, at + (2 * row), half);
            var r3 = Pair(ref source, at + (3 * row), half);
            var r4 = Pair(ref source, at + (4 * row), half);
            var r5 = Pair(ref source, at + (5 * row), half);
            var r6 = Pair(ref source, at + (6 * row), half);
            var r7 = Pair(ref source, at + (7 * row), half);
            var r8 = Pair(ref source, at + (8 * row), half);
            var r9 = Pair(ref source, at + (9 * row), half);
            var r10 = Pair(ref source, at + (10 * row), half);
            var r11 = Pair(ref source, at + (11 * row), half);
            var r12 = Pair(ref source, at + (12 * row), half);
            var r13 = Pair(ref source, at + (13 * row), half);
            var r14 = Pair(ref source, at + (14 * row), half);
            var r15 = Pair(ref source, at + (15 * row), half);
            Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref r8, ref r9, ref r10, ref r11, ref r12, ref r13, ref r14, ref r15);
            lanes[first + 0] = r0.AsInt16();
            lanes[first + 1] = r1.AsInt16();
            lanes[first + 2] = r2.AsInt16();
            lanes[first + 3] = r3.AsInt16();
            lanes[first + 4] = r4.AsInt16();
            lanes[first + 5] = r5.AsInt16();
            lanes[first + 6] = r6.AsInt16();
            lanes[first + 7] = r7.AsInt16();
            lanes[first + 8] = r8.AsInt16();
            lanes[first + 9] = r9.AsInt16();
            lanes[first + 10] = r10.AsInt16();
            lanes[first + 11] = r11.AsInt16();
            lanes[first + 12] = r12.AsInt16();
            lanes[first + 13] = r13.AsInt16();
            lanes[first + 14] = r14.AsInt16();
            lanes[first + 15] = r15.AsInt16();
        }

        Span<int> pairs = stackalloc int[Vector512<int>.Count];
        for (int j = first; j < features; j++)
        {
            for (int i = 0; i < pairs.Length; i++)
            {
                pairs[i] = (samples[(i * features) + j] & 0xFFFF) | (samples[((16 + i) * features) + j] << 16);
            }

            lanes[j] = Vector512.Create<int>(pairs).AsInt16();
        }
    }

    /// <summary>Features [at, at + 16) of a sample (low halves) and of the sample 16 rows on (high halves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Pair(ref int source, nuint at, nuint half) =>
        (Vector512.LoadUnsafe(ref source, at) & Vector512.Create(0xFFFF)) | Vector512.ShiftLeft(Vector512.LoadUnsafe(ref source, at + half), 16);

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
    public static void FromLanes(ReadOnlySpan<Vector512<int>> lanes, Span<int> samples)
    {
        if (Avx512F.IsSupported && lanes.Length is > 0 and <= 16)
        {
            Check(samples.Length, lanes.Length, Vector512<int>.Count, nameof(samples));
            TransposeOut(lanes, samples);
        }
        else
        {
            Gather(MemoryMarshal.Cast<Vector512<int>, int>(lanes), samples, lanes.Length, Vector512<int>.Count);
        }
    }

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
    /// (one contiguous load), transposed in registers (<see cref="Transpose"/>).
    /// </summary>
    private static void Transpose16(ReadOnlySpan<int> samples, int features, int first, Span<Vector512<int>> tile)
    {
        // The callers checked samples.Length == 16·features and first + 16 <= features.
        ref int source = ref MemoryMarshal.GetReference(samples);
        nuint at = (nuint)first, row = (nuint)features;
        _ = tile[15];
        var r0 = Vector512.LoadUnsafe(ref source, at);
        var r1 = Vector512.LoadUnsafe(ref source, at + row);
        var r2 = Vector512.LoadUnsafe(ref source, at + (2 * row));
        var r3 = Vector512.LoadUnsafe(ref source, at + (3 * row));
        var r4 = Vector512.LoadUnsafe(ref source, at + (4 * row));
        var r5 = Vector512.LoadUnsafe(ref source, at + (5 * row));
        var r6 = Vector512.LoadUnsafe(ref source, at + (6 * row));
        var r7 = Vector512.LoadUnsafe(ref source, at + (7 * row));
        var r8 = Vector512.LoadUnsafe(ref source, at + (8 * row));
        var r9 = Vector512.LoadUnsafe(ref source, at + (9 * row));
        var r10 = Vector512.LoadUnsafe(ref source, at + (10 * row));
        var r11 = Vector512.LoadUnsafe(ref source, at + (11 * row));
        var r12 = Vector512.LoadUnsafe(ref source, at + (12 * row));
        var r13 = Vector512.LoadUnsafe(ref source, at + (13 * row));
        var r14 = Vector512.LoadUnsafe(ref source, at + (14 * row));
        var r15 = Vector512.LoadUnsafe(ref source, at + (15 * row));
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref r8, ref r9, ref r10, ref r11, ref r12, ref r13, ref r14, ref r15);
        tile[0] = r0;
        tile[1] = r1;
        tile[2] = r2;
        tile[3] = r3;
        tile[4] = r4;
        tile[5] = r5;
        tile[6] = r6;
        tile[7] = r7;
        tile[8] = r8;
        tile[9] = r9;
        tile[10] = r10;
        tile[11] = r11;
        tile[12] = r12;
        tile[13] = r13;
        tile[14] = r14;
        tile[15] = r15;
    }

    /// <summary>
    /// Up to 16 output vectors of 16 samples back to sample-major: the vectors (zero-padded to 16)
    /// transposed in registers, then row s (sample s's values and padding) stored at s·values.
    /// </summary>
    private static void TransposeOut(ReadOnlySpan<Vector512<int>> lanes, Span<int> samples)
    {
        int values = lanes.Length;
        var r0 = lanes[0];
        var r1 = values > 1 ? lanes[1] : default;
        var r2 = values > 2 ? lanes[2] : default;
        var r3 = values > 3 ? lanes[3] : default;
        var r4 = values > 4 ? lanes[4] : default;
        var r5 = values > 5 ? lanes[5] : default;
        var r6 = values > 6 ? lanes[6] : default;
        var r7 = values > 7 ? lanes[7] : default;
        var r8 = values > 8 ? lanes[8] : default;
        var r9 = values > 9 ? lanes[9] : default;
        var r10 = values > 10 ? lanes[10] : default;
        var r11 = values > 11 ? lanes[11] : default;
        var r12 = values > 12 ? lanes[12] : default;
        var r13 = values > 13 ? lanes[13] : default;
        var r14 = values > 14 ? lanes[14] : default;
        var r15 = values > 15 ? lanes[15] : default;
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref r8, ref r9, ref r10, ref r11, ref r12, ref r13, ref r14, ref r15);
        StoreRow(samples, values, 0, r0);
        StoreRow(samples, values, 1, r1);
        StoreRow(samples, values, 2, r2);
        StoreRow(samples, values, 3, r3);
        StoreRow(samples, values, 4, r4);
        StoreRow(samples, values, 5, r5);
        StoreRow(samples, values, 6, r6);
        StoreRow(samples, values, 7, r7);
        StoreRow(samples, values, 8, r8);
        StoreRow(samples, values, 9, r9);
        StoreRow(samples, values, 10, r10);
        StoreRow(samples, values, 11, r11);
        StoreRow(samples, values, 12, r12);
        StoreRow(samples, values, 13, r13);
        StoreRow(samples, values, 14, r14);
        StoreRow(samples, values, 15, r15);
    }

    /// <summary>
    /// Sample s's values: one 16-wide store where the span has room (its padding lands in the
    /// next samples' places, which their own rows overwrite after it), else through a copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(Span<int> samples, int values, int s, Vector512<int> row)
    {
        int at = s * values;
        if (at + Vector512<int>.Count <= samples.Length)
        {
            row.StoreUnsafe(ref MemoryMarshal.GetReference(samples), (nuint)at);
        }
        else
        {
            StoreLastRow(samples.Slice(at, values), row);
        }
    }

    /// <summary>A row at the end of the span: its first values through a 16-value copy (not inlined: the stackalloc would keep StoreRow from inlining).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreLastRow(Span<int> sample, Vector512<int> row)
    {
        Span<int> padded = stackalloc int[Vector512<int>.Count];
        row.StoreUnsafe(ref MemoryMarshal.GetReference(padded));
        padded.Slice(0, sample.Length).CopyTo(sample);
    }

    /// <summary>
    /// A 16×16 transpose of rows r0…r15 in registers: stage b swaps bit b of the row index with
    /// bit b of the column, exchanging element (r, c + b) with (r + b, c) for b = 8, 4, 2, 1
    /// (two <c>vpermt2d</c> per pair of rows). Locals, not a span: through memory every stage
    /// stored and reloaded the tile, and the transposes cost 20 ns of the digits ticket's 63.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        ref Vector512<int> r0, ref Vector512<int> r1, ref Vector512<int> r2, ref Vector512<int> r3,
        ref Vector512<int> r4, ref Vector512<int> r5, ref Vector512<int> r6, ref Vector512<int> r7,
        ref Vector512<int> r8, ref Vector512<int> r9, ref Vector512<int> r10, ref Vector512<int> r11,
        ref Vector512<int> r12, ref Vector512<int> r13, ref Vector512<int> r14, ref Vector512<int> r15)
    {
        var (low, high) = StageIndices(8);
        Swap(ref r0, ref r8, low, high);
        Swap(ref r1, ref r9, low, high);
        Swap(ref r2, ref r10, low, high);
        Swap(ref r3, ref r11, low, high);
        Swap(ref r4, ref r12, low, high);
        Swap(ref r5, ref r13, low, high);
        Swap(ref r6, ref r14, low, high);
        Swap(ref r7, ref r15, low, high);
        (low, high) = StageIndices(4);
        Swap(ref r0, ref r4, low, high);
        Swap(ref r1, ref r5, low, high);
        Swap(ref r2, ref r6, low, high);
        Swap(ref r3, ref r7, low, high);
        Swap(ref r8, ref r12, low, high);
        Swap(ref r9, ref r13, low, high);
        Swap(ref r10, ref r14, low, high);
        Swap(ref r11, ref r15, low, high);
        (low, high) = StageIndices(2);
        Swap(ref r0, ref r2, low, high);
        Swap(ref r1, ref r3, low, high);
        Swap(ref r4, ref r6, low, high);
        Swap(ref r5, ref r7, low, high);
        Swap(ref r8, ref r10, low, high);
        Swap(ref r9, ref r11, low, high);
        Swap(ref r12, ref r14, low, high);
        Swap(ref r13, ref r15, low, high);
        (low, high) = StageIndices(1);
        Swap(ref r0, ref r1, low, high);
        Swap(ref r2, ref r3, low, high);
        Swap(ref r4, ref r5, low, high);
        Swap(ref r6, ref r7, low, high);
        Swap(ref r8, ref r9, low, high);
        Swap(ref r10, ref r11, low, high);
        Swap(ref r12, ref r13, low, high);
        Swap(ref r14, ref r15, low, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(ref Vector512<int> top, ref Vector512<int> bottom, Vector512<int> low, Vector512<int> high)
    {
        var t = top;
        top = Avx512F.PermuteVar16x32x2(t, low, bottom);
        bottom = Avx512F.PermuteVar16x32x2(t, high, bottom);
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
