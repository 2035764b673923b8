using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

// AvxVnni carries [RequiresPreviewFeatures] in the net8.0 reference assemblies (CA2252). The JIT
// compiles it on .NET 8 and later, and every use sits behind AvxVnni.IsSupported (checked when the
// kernel is chosen), so the library opts in here instead of marking its whole surface as preview.
#pragma warning disable CA2252

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

        switch (layer.Kernel)
        {
#if NET8_0_OR_GREATER
            case PackedKernel.Avx512Madd16 when count == Group:
                Layer512x4(layer, x, y);
                return;
            case PackedKernel.Avx512Madd16:
                Layer512(layer, x, y);
                return;
            case PackedKernel.AvxVnni16 when count == Group:
                LayerVnni16x4(layer, x, y);
                return;
            case PackedKernel.AvxVnni16:
                LayerVnni16(layer, x, y);
                return;
            case PackedKernel.Avx2Madd16:
                for (int s = 0; s < count; s++)
                {
                    Layer256(layer, x.Slice(s * layer.InputStride), y.Slice(s * layer.OutputStride));
                }

                return;
#endif
            default:
                for (int s = 0; s < count; s++)
                {
                    LayerScalar(layer, x.Slice(s * layer.InputStride), y.Slice(s * layer.OutputStride));
                }

                return;
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

                y[(b * PackedLayer.Lanes) + lane] = Finish(sum, layer.Relu, layer.Shift);
            }
        }
    }

    internal static int Finish(int sum, bool relu, int shift) => (relu && sum < 0 ? 0 : sum) >> shift;

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

    /// <summary>As <see cref="Layer256"/>, with <c>vpdpwssd</c> fusing each multiply-add and add.</summary>
    internal static void LayerVnni16(PackedLayer layer, ReadOnlySpan<short> x, Span<int> y)
    {
        int pairs = layer.Pairs;
        ref short w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<short, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref short row = ref Unsafe.Add(ref w, b * pairs * PackedLayer.RowShorts);
            var low = Vector256.LoadUnsafe(ref bias, (nuint)(b * PackedLayer.Lanes));
            var high = Vector256.LoadUnsafe(ref bias, (nuint)((b * PackedLayer.Lanes) + 8));
            for (int p = 0; p < pairs; p++)
            {
                var pair = Vector256.Create(Unsafe.Add(ref xs, p)).AsInt16();
                nuint at = (nuint)(p * PackedLayer.RowShorts);
                low = AvxVnni.MultiplyWideningAndAdd(low, Vector256.LoadUnsafe(ref row, at), pair);
                high = AvxVnni.MultiplyWideningAndAdd(high, Vector256.LoadUnsafe(ref row, at + 16), pair);
            }

            Finish(low, layer).StoreUnsafe(ref ys, (nuint)(b * PackedLayer.Lanes));
            Finish(high, layer).StoreUnsafe(ref ys, (nuint)((b * PackedLayer.Lanes) + 8));
        }
    }

    /// <summary>Four samples per pass over the weights: eight <c>vpdpwssd</c> chains per row.</summary>
    internal static void LayerVnni16x4(PackedLayer layer, ReadOnlySpan<short> x, Span<int> y)
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
            var l0 = Vector256.LoadUnsafe(ref bias, (nuint)(b * PackedLayer.Lanes));
            var h0 = Vector256.LoadUnsafe(ref bias, (nuint)((b * PackedLayer.Lanes) + 8));
            Vector256<int> l1 = l0, l2 = l0, l3 = l0, h1 = h0, h2 = h0, h3 = h0;
            for (int p = 0; p < pairs; p++)
            {
                nuint at = (nuint)(p * PackedLayer.RowShorts);
                var wl = Vector256.LoadUnsafe(ref row, at);
                var wh = Vector256.LoadUnsafe(ref row, at + 16);
                var p0 = Vector256.Create(Unsafe.Add(ref x0, p)).AsInt16();
                var p1 = Vector256.Create(Unsafe.Add(ref x1, p)).AsInt16();
                var p2 = Vector256.Create(Unsafe.Add(ref x2, p)).AsInt16();
                var p3 = Vector256.Create(Unsafe.Add(ref x3, p)).AsInt16();
                l0 = AvxVnni.MultiplyWideningAndAdd(l0, wl, p0);
                h0 = AvxVnni.MultiplyWideningAndAdd(h0, wh, p0);
                l1 = AvxVnni.MultiplyWideningAndAdd(l1, wl, p1);
                h1 = AvxVnni.MultiplyWideningAndAdd(h1, wh, p1);
                l2 = AvxVnni.MultiplyWideningAndAdd(l2, wl, p2);
                h2 = AvxVnni.MultiplyWideningAndAdd(h2, wh, p2);
                l3 = AvxVnni.MultiplyWideningAndAdd(l3, wl, p3);
                h3 = AvxVnni.MultiplyWideningAndAdd(h3, wh, p3);
            }

            nuint at0 = (nuint)(b * PackedLayer.Lanes);
            Finish(l0, layer).StoreUnsafe(ref ys, at0);
            Finish(h0, layer).StoreUnsafe(ref ys, at0 + 8);
            Finish(l1, layer).StoreUnsafe(ref ys, at0 + (nuint)outStride);
            Finish(h1, layer).StoreUnsafe(ref ys, at0 + (nuint)outStride + 8);
            Finish(l2, layer).StoreUnsafe(ref ys, at0 + (nuint)(2 * outStride));
            Finish(h2, layer).StoreUnsafe(ref ys, at0 + (nuint)(2 * outStride) + 8);
            Finish(l3, layer).StoreUnsafe(ref ys, at0 + (nuint)(3 * outStride));
            Finish(h3, layer).StoreUnsafe(ref ys, at0 + (nuint)(3 * outStride) + 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Finish(Vector512<int> sum, PackedLayer layer) => Finish(sum, layer.Relu, layer.Shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Finish(Vector256<int> sum, PackedLayer layer) => Finish(sum, layer.Relu, layer.Shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<int> Finish(Vector512<int> sum, bool relu, int shift) =>
        Vector512.ShiftRightArithmetic(relu ? Vector512.Max(sum, Vector512<int>.Zero) : sum, shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> Finish(Vector256<int> sum, bool relu, int shift) =>
        Vector256.ShiftRightArithmetic(relu ? Vector256.Max(sum, Vector256<int>.Zero) : sum, shift);
#endif
}
