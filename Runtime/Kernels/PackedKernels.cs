using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace SlthGen;

/// <summary>
/// One dense layer over one or <see cref="Group"/> samples: y = floor((σ)(W x + c) / 2^t), with x in
/// int16 and sums in int32 (the caller has proven both). Outputs sit in lanes, so each
/// multiply-add instruction (vpmaddwd) takes 16 outputs × one input pair, and a weight row loaded
/// once serves every sample of the group. Every path computes the same integers: the sums are
/// exact, so their order does not matter.
/// </summary>
internal static class PackedKernels
{
    /// <summary>Samples per group: four independent accumulator chains per weight load.</summary>
    public const int Group = 4;

    /// <summary>
    /// x holds <paramref name="count"/> samples of <see cref="PackedLayer.InputStride"/> shorts, y
    /// receives <paramref name="count"/> × <see cref="PackedLayer.OutputStride"/> ints.
    /// <paramref name="count"/> is 1 or <see cref="Group"/>.
    /// </summary>
    public static void Layer(PackedLayer layer, ReadOnlySpan<short> x, Span<int> y, int count)
    {
        if (x.Length < count * layer.InputStride || y.Length < count * layer.OutputStride || (count != 1 && count != Group))
        {
            throw new ArgumentException("The buffers do not fit the layer.", nameof(x));
        }

#if NET8_0_OR_GREATER
        if (Avx512BW.IsSupported)
        {
            if (count == Group)
            {
                Layer512x4(layer, x, y);
            }
            else
            {
                Layer512(layer, x, y);
            }

            return;
        }

        if (Avx2.IsSupported)
        {
            for (int s = 0; s < count; s++)
            {
                Layer256(layer, x.Slice(s * layer.InputStride), y.Slice(s * layer.OutputStride));
            }

            return;
        }
#endif
        for (int s = 0; s < count; s++)
        {
            LayerScalar(layer, x.Slice(s * layer.InputStride), y.Slice(s * layer.OutputStride));
        }
    }

    internal static void LayerScalar(PackedLayer layer, ReadOnlySpan<short> x, Span<int> y)
    {
        var weights = layer.Weights;
        for (int b = 0; b < layer.Blocks; b++)
        {
            for (int lane = 0; lane < PackedLayer.Lanes; lane++)
            {
                int sum = layer.Biases[(b * PackedLayer.Lanes) + lane];
                int row = (b * layer.Pairs * PackedLayer.RowShorts) + (2 * lane);
                for (int p = 0; p < layer.Pairs; p++)
                {
                    int at = row + (p * PackedLayer.RowShorts);
                    sum += (weights[at] * x[2 * p]) + (weights[at + 1] * x[(2 * p) + 1]);
                }

                y[(b * PackedLayer.Lanes) + lane] = Finish(sum, layer);
            }
        }
    }

    private static int Finish(int sum, PackedLayer layer) => (layer.Relu && sum < 0 ? 0 : sum) >> layer.Shift;

#if NET8_0_OR_GREATER
    // The vector paths index with refs: every offset is below the lengths checked in Layer
    // (blocks · pairs · 32 weights, pairs ints of x per sample, 16 · blocks ints of y per sample).
    internal static void Layer512(PackedLayer layer, ReadOnlySpan<short> x, Span<int> y)
    {
        int pairs = layer.Pairs;
        ref short w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<short, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref short row = ref Unsafe.Add(ref w, b * pairs * PackedLayer.RowShorts);

            // Two chains (even and odd pairs) so consecutive multiply-adds do not wait on each other.
            var even = Vector512.LoadUnsafe(ref bias, (nuint)(b * PackedLayer.Lanes));
            var odd = Vector512<int>.Zero;
            int p = 0;
            for (; p + 1 < pairs; p += 2)
            {
                even += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref row, (nuint)(p * PackedLayer.RowShorts)), Vector512.Create(Unsafe.Add(ref xs, p)).AsInt16());
                odd += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref row, (nuint)((p + 1) * PackedLayer.RowShorts)), Vector512.Create(Unsafe.Add(ref xs, p + 1)).AsInt16());
            }

            if (p < pairs)
            {
                even += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref row, (nuint)(p * PackedLayer.RowShorts)), Vector512.Create(Unsafe.Add(ref xs, p)).AsInt16());
            }

            Finish(even + odd, layer).StoreUnsafe(ref ys, (nuint)(b * PackedLayer.Lanes));
        }
    }

    internal static void Layer512x4(PackedLayer layer, ReadOnlySpan<short> x, Span<int> y)
    {
        int pairs = layer.Pairs, outStride = layer.OutputStride;
        ref short w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int x0 = ref Unsafe.As<short, int>(ref MemoryMarshal.GetReference(x));
        ref int x1 = ref Unsafe.Add(ref x0, pairs);
        ref int x2 = ref Unsafe.Add(ref x1, pairs);
        ref int x3 = ref Unsafe.Add(ref x2, pairs);
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref short row = ref Unsafe.Add(ref w, b * pairs * PackedLayer.RowShorts);
            var a0 = Vector512.LoadUnsafe(ref bias, (nuint)(b * PackedLayer.Lanes));
            var a1 = a0;
            var a2 = a0;
            var a3 = a0;
            for (int p = 0; p < pairs; p++)
            {
                var weights = Vector512.LoadUnsafe(ref row, (nuint)(p * PackedLayer.RowShorts));
                a0 += Avx512BW.MultiplyAddAdjacent(weights, Vector512.Create(Unsafe.Add(ref x0, p)).AsInt16());
                a1 += Avx512BW.MultiplyAddAdjacent(weights, Vector512.Create(Unsafe.Add(ref x1, p)).AsInt16());
                a2 += Avx512BW.MultiplyAddAdjacent(weights, Vector512.Create(Unsafe.Add(ref x2, p)).AsInt16());
                a3 += Avx512BW.MultiplyAddAdjacent(weights, Vector512.Create(Unsafe.Add(ref x3, p)).AsInt16());
            }

            nuint at = (nuint)(b * PackedLayer.Lanes);
            Finish(a0, layer).StoreUnsafe(ref ys, at);
            Finish(a1, layer).StoreUnsafe(ref ys, at + (nuint)outStride);
            Finish(a2, layer).StoreUnsafe(ref ys, at + (nuint)(2 * outStride));
            Finish(a3, layer).StoreUnsafe(ref ys, at + (nuint)(3 * outStride));
        }
    }

    internal static void Layer256(PackedLayer layer, ReadOnlySpan<short> x, Span<int> y)
    {
        int pairs = layer.Pairs;
        ref short w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<short, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            // Lanes 0-7 are the first 16 shorts of each row, lanes 8-15 the next 16.
            ref short row = ref Unsafe.Add(ref w, b * pairs * PackedLayer.RowShorts);
            var low = Vector256.LoadUnsafe(ref bias, (nuint)(b * PackedLayer.Lanes));
            var high = Vector256.LoadUnsafe(ref bias, (nuint)((b * PackedLayer.Lanes) + 8));
            for (int p = 0; p < pairs; p++)
            {
                var pair = Vector256.Create(Unsafe.Add(ref xs, p)).AsInt16();
                nuint at = (nuint)(p * PackedLayer.RowShorts);
                low += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref row, at), pair);
                high += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref row, at + 16), pair);
            }

            Finish(low, layer).StoreUnsafe(ref ys, (nuint)(b * PackedLayer.Lanes));
            Finish(high, layer).StoreUnsafe(ref ys, (nuint)((b * PackedLayer.Lanes) + 8));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Finish(Vector512<int> sum, PackedLayer layer) =>
        Vector512.ShiftRightArithmetic(layer.Relu ? Vector512.Max(sum, Vector512<int>.Zero) : sum, layer.Shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Finish(Vector256<int> sum, PackedLayer layer) =>
        Vector256.ShiftRightArithmetic(layer.Relu ? Vector256.Max(sum, Vector256<int>.Zero) : sum, layer.Shift);
#endif
}
