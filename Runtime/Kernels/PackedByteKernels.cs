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
/// One dense layer on 8-bit weights over one or <see cref="PackedKernels.Group"/> samples: x' in
/// unsigned bytes (the offset is in the biases), sums in int32, outputs in lanes. A quad row of 64
/// bytes holds 16 outputs × 4 inputs; one broadcast of four input bytes meets it in one
/// <c>vpdpbusd</c> (AVX-VNNI, per 256-bit half) or in <c>vpmaddubsw</c> + <c>vpmaddwd</c> by ones
/// (AVX-512BW / AVX2, where <see cref="PackedByteLayer.PairsFitInt16"/> proved the 16-bit pair sums
/// exact). Every path computes the same integers as <see cref="LayerScalar"/>.
/// </summary>
internal static class PackedByteKernels
{
    /// <summary>x holds count samples of <see cref="PackedByteLayer.InputBytes"/>, y receives count × <see cref="PackedByteLayer.OutputStride"/> ints.</summary>
    public static void Layer(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y, int count)
    {
        if (x.Length < count * layer.InputBytes || y.Length < count * layer.OutputStride || (count != 1 && count != PackedKernels.Group))
        {
            throw new ArgumentException("The buffers do not fit the layer.", nameof(x));
        }

        switch (layer.Kernel)
        {
#if NET8_0_OR_GREATER
            case PackedKernel.AvxVnni8 when count == PackedKernels.Group:
                LayerVnnix4(layer, x, y);
                return;
            case PackedKernel.AvxVnni8:
                LayerVnni(layer, x, y);
                return;
            case PackedKernel.Avx512Maddubs8 when count == PackedKernels.Group:
                if (layer.WidenByRuns)
                {
                    Layer512Runsx4(layer, x, y);
                }
                else
                {
                    Layer512x4(layer, x, y);
                }

                return;
            case PackedKernel.Avx512Maddubs8:
                if (layer.WidenByRuns)
                {
                    Layer512Runs(layer, x, y);
                }
                else
                {
                    Layer512(layer, x, y);
                }

                return;
            case PackedKernel.Avx2Maddubs8:
                for (int s = 0; s < count; s++)
                {
                    Layer256(layer, x.Slice(s * layer.InputBytes), y.Slice(s * layer.OutputStride));
                }

                return;
#endif
            default:
                for (int s = 0; s < count; s++)
                {
                    LayerScalar(layer, x.Slice(s * layer.InputBytes), y.Slice(s * layer.OutputStride));
                }

                return;
        }
    }

    /// <summary>The obvious loop over the same layout: each lane's bias plus its weight times the input byte.</summary>
    internal static void LayerScalar(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        var weights = layer.Weights;
        for (int b = 0; b < layer.Blocks; b++)
        {
            for (int lane = 0; lane < PackedByteLayer.Lanes; lane++)
            {
                int sum = layer.Biases[(b * PackedByteLayer.Lanes) + lane];
                for (int q = 0; q < layer.Quads; q++)
                {
                    int at = (((b * layer.Quads) + q) * PackedByteLayer.RowBytes) + (4 * lane);
                    for (int i = 0; i < 4; i++)
                    {
                        sum += weights[at + i] * x[(4 * q) + i];
                    }
                }

                y[(b * PackedByteLayer.Lanes) + lane] = PackedKernels.Finish(sum, layer.Relu, layer.Shift);
            }
        }
    }

#if NET8_0_OR_GREATER
    // The vector paths index with refs: every offset is below the lengths checked in Layer
    // (blocks · quads · 64 weights, quads ints of x per sample, 16 · blocks ints of y per sample).
    internal static void LayerVnni(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        int quads = layer.Quads;
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            // Lanes 0-7 are the first 32 bytes of each row, lanes 8-15 the next 32; two chains each
            // (even and odd quads) so consecutive vpdpbusd do not wait on each other.
            ref sbyte row = ref Unsafe.Add(ref w, b * quads * PackedByteLayer.RowBytes);
            var low = Vector256.LoadUnsafe(ref bias, (nuint)(b * PackedByteLayer.Lanes));
            var high = Vector256.LoadUnsafe(ref bias, (nuint)((b * PackedByteLayer.Lanes) + 8));
            Vector256<int> low2 = Vector256<int>.Zero, high2 = Vector256<int>.Zero;
            int q = 0;
            for (; q + 1 < quads; q += 2)
            {
                nuint at = (nuint)(q * PackedByteLayer.RowBytes);
                var quad = Vector256.Create(Unsafe.Add(ref xs, q)).AsByte();
                var quad2 = Vector256.Create(Unsafe.Add(ref xs, q + 1)).AsByte();
                low = AvxVnni.MultiplyWideningAndAdd(low, quad, Vector256.LoadUnsafe(ref row, at));
                high = AvxVnni.MultiplyWideningAndAdd(high, quad, Vector256.LoadUnsafe(ref row, at + 32));
                low2 = AvxVnni.MultiplyWideningAndAdd(low2, quad2, Vector256.LoadUnsafe(ref row, at + 64));
                high2 = AvxVnni.MultiplyWideningAndAdd(high2, quad2, Vector256.LoadUnsafe(ref row, at + 96));
            }

            if (q < quads)
            {
                nuint at = (nuint)(q * PackedByteLayer.RowBytes);
                var quad = Vector256.Create(Unsafe.Add(ref xs, q)).AsByte();
                low = AvxVnni.MultiplyWideningAndAdd(low, quad, Vector256.LoadUnsafe(ref row, at));
                high = AvxVnni.MultiplyWideningAndAdd(high, quad, Vector256.LoadUnsafe(ref row, at + 32));
            }

            PackedKernels.Finish(low + low2, layer.Relu, layer.Shift).StoreUnsafe(ref ys, (nuint)(b * PackedByteLayer.Lanes));
            PackedKernels.Finish(high + high2, layer.Relu, layer.Shift).StoreUnsafe(ref ys, (nuint)((b * PackedByteLayer.Lanes) + 8));
        }
    }

    /// <summary>Four samples per pass over the weights: eight <c>vpdpbusd</c> chains per row.</summary>
    internal static void LayerVnnix4(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        int quads = layer.Quads, outStride = layer.OutputStride;
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int x0 = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(x));
        ref int x1 = ref Unsafe.Add(ref x0, quads);
        ref int x2 = ref Unsafe.Add(ref x1, quads);
        ref int x3 = ref Unsafe.Add(ref x2, quads);
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref sbyte row = ref Unsafe.Add(ref w, b * quads * PackedByteLayer.RowBytes);
            var l0 = Vector256.LoadUnsafe(ref bias, (nuint)(b * PackedByteLayer.Lanes));
            var h0 = Vector256.LoadUnsafe(ref bias, (nuint)((b * PackedByteLayer.Lanes) + 8));
            Vector256<int> l1 = l0, l2 = l0, l3 = l0, h1 = h0, h2 = h0, h3 = h0;
            for (int q = 0; q < quads; q++)
            {
                nuint at = (nuint)(q * PackedByteLayer.RowBytes);
                var wl = Vector256.LoadUnsafe(ref row, at);
                var wh = Vector256.LoadUnsafe(ref row, at + 32);
                var q0 = Vector256.Create(Unsafe.Add(ref x0, q)).AsByte();
                var q1 = Vector256.Create(Unsafe.Add(ref x1, q)).AsByte();
                var q2 = Vector256.Create(Unsafe.Add(ref x2, q)).AsByte();
                var q3 = Vector256.Create(Unsafe.Add(ref x3, q)).AsByte();
                l0 = AvxVnni.MultiplyWideningAndAdd(l0, q0, wl);
                h0 = AvxVnni.MultiplyWideningAndAdd(h0, q0, wh);
                l1 = AvxVnni.MultiplyWideningAndAdd(l1, q1, wl);
                h1 = AvxVnni.MultiplyWideningAndAdd(h1, q1, wh);
                l2 = AvxVnni.MultiplyWideningAndAdd(l2, q2, wl);
                h2 = AvxVnni.MultiplyWideningAndAdd(h2, q2, wh);
                l3 = AvxVnni.MultiplyWideningAndAdd(l3, q3, wl);
                h3 = AvxVnni.MultiplyWideningAndAdd(h3, q3, wh);
            }

            nuint at0 = (nuint)(b * PackedByteLayer.Lanes);
            Store(l0, h0, layer, ref ys, at0);
            Store(l1, h1, layer, ref ys, at0 + (nuint)outStride);
            Store(l2, h2, layer, ref ys, at0 + (nuint)(2 * outStride));
            Store(l3, h3, layer, ref ys, at0 + (nuint)(3 * outStride));
        }
    }

    internal static void Layer512(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        int quads = layer.Quads;
        var ones = Vector512.Create((short)1);
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref sbyte row = ref Unsafe.Add(ref w, b * quads * PackedByteLayer.RowBytes);
            var even = Vector512.LoadUnsafe(ref bias, (nuint)(b * PackedByteLayer.Lanes));
            var odd = Vector512<int>.Zero;
            int q = 0;
            for (; q + 1 < quads; q += 2)
            {
                even += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref xs, q)).AsByte(), Vector512.LoadUnsafe(ref row, (nuint)(q * PackedByteLayer.RowBytes))), ones);
                odd += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref xs, q + 1)).AsByte(), Vector512.LoadUnsafe(ref row, (nuint)((q + 1) * PackedByteLayer.RowBytes))), ones);
            }

            if (q < quads)
            {
                even += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref xs, q)).AsByte(), Vector512.LoadUnsafe(ref row, (nuint)(q * PackedByteLayer.RowBytes))), ones);
            }

            PackedKernels.Finish(even + odd, layer.Relu, layer.Shift).StoreUnsafe(ref ys, (nuint)(b * PackedByteLayer.Lanes));
        }
    }

    internal static void Layer512x4(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        int quads = layer.Quads, outStride = layer.OutputStride;
        var ones = Vector512.Create((short)1);
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int x0 = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(x));
        ref int x1 = ref Unsafe.Add(ref x0, quads);
        ref int x2 = ref Unsafe.Add(ref x1, quads);
        ref int x3 = ref Unsafe.Add(ref x2, quads);
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref sbyte row = ref Unsafe.Add(ref w, b * quads * PackedByteLayer.RowBytes);
            var a0 = Vector512.LoadUnsafe(ref bias, (nuint)(b * PackedByteLayer.Lanes));
            var a1 = a0;
            var a2 = a0;
            var a3 = a0;
            for (int q = 0; q < quads; q++)
            {
                var weights = Vector512.LoadUnsafe(ref row, (nuint)(q * PackedByteLayer.RowBytes));
                a0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref x0, q)).AsByte(), weights), ones);
                a1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref x1, q)).AsByte(), weights), ones);
                a2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref x2, q)).AsByte(), weights), ones);
                a3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref x3, q)).AsByte(), weights), ones);
            }

            nuint at = (nuint)(b * PackedByteLayer.Lanes);
            PackedKernels.Finish(a0, layer.Relu, layer.Shift).StoreUnsafe(ref ys, at);
            PackedKernels.Finish(a1, layer.Relu, layer.Shift).StoreUnsafe(ref ys, at + (nuint)outStride);
            PackedKernels.Finish(a2, layer.Relu, layer.Shift).StoreUnsafe(ref ys, at + (nuint)(2 * outStride));
            PackedKernels.Finish(a3, layer.Relu, layer.Shift).StoreUnsafe(ref ys, at + (nuint)(3 * outStride));
        }
    }

    /// <summary>As <see cref="Layer512"/>, adding four <c>vpmaddubsw</c> results in 16 bits (proven by <see cref="PackedByteLayer.RunsFitInt16"/>) before one <c>vpmaddwd</c>.</summary>
    internal static void Layer512Runs(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        int quads = layer.Quads, runs = quads / PackedByteLayer.WidenRun;
        var ones = Vector512.Create((short)1);
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            // The pointers advance by one run per iteration (4 input quads, 4 weight rows of 64 bytes).
            ref sbyte row = ref Unsafe.Add(ref w, b * quads * PackedByteLayer.RowBytes);
            ref int xq = ref xs;
            var sum = Vector512.LoadUnsafe(ref bias, (nuint)(b * PackedByteLayer.Lanes));
            for (int r = 0; r < runs; r++)
            {
                sum += Avx512BW.MultiplyAddAdjacent(Run(ref xq, ref row), ones);
                xq = ref Unsafe.Add(ref xq, PackedByteLayer.WidenRun);
                row = ref Unsafe.Add(ref row, PackedByteLayer.WidenRun * PackedByteLayer.RowBytes);
            }

            for (int q = runs * PackedByteLayer.WidenRun; q < quads; q++)
            {
                sum += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(xq).AsByte(), Vector512.LoadUnsafe(ref row)), ones);
                xq = ref Unsafe.Add(ref xq, 1);
                row = ref Unsafe.Add(ref row, PackedByteLayer.RowBytes);
            }

            PackedKernels.Finish(sum, layer.Relu, layer.Shift).StoreUnsafe(ref ys, (nuint)(b * PackedByteLayer.Lanes));
        }
    }

    /// <summary>As <see cref="Layer512x4"/>, with the 16-bit runs of <see cref="Layer512Runs"/>.</summary>
    internal static void Layer512Runsx4(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        int quads = layer.Quads, outStride = layer.OutputStride, runs = quads / PackedByteLayer.WidenRun;
        var ones = Vector512.Create((short)1);
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref sbyte row = ref Unsafe.Add(ref w, b * quads * PackedByteLayer.RowBytes);
            ref int x0 = ref xs;
            var a0 = Vector512.LoadUnsafe(ref bias, (nuint)(b * PackedByteLayer.Lanes));
            var a1 = a0;
            var a2 = a0;
            var a3 = a0;
            for (int r = 0; r < runs; r++)
            {
                // The four samples' inputs are quads apart; each weight row is loaded once for all four.
                a0 += Avx512BW.MultiplyAddAdjacent(Run(ref x0, ref row), ones);
                a1 += Avx512BW.MultiplyAddAdjacent(Run(ref Unsafe.Add(ref x0, quads), ref row), ones);
                a2 += Avx512BW.MultiplyAddAdjacent(Run(ref Unsafe.Add(ref x0, 2 * quads), ref row), ones);
                a3 += Avx512BW.MultiplyAddAdjacent(Run(ref Unsafe.Add(ref x0, 3 * quads), ref row), ones);
                x0 = ref Unsafe.Add(ref x0, PackedByteLayer.WidenRun);
                row = ref Unsafe.Add(ref row, PackedByteLayer.WidenRun * PackedByteLayer.RowBytes);
            }

            for (int q = runs * PackedByteLayer.WidenRun; q < quads; q++)
            {
                var weights = Vector512.LoadUnsafe(ref row);
                a0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(x0).AsByte(), weights), ones);
                a1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref x0, quads)).AsByte(), weights), ones);
                a2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref x0, 2 * quads)).AsByte(), weights), ones);
                a3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref x0, 3 * quads)).AsByte(), weights), ones);
                x0 = ref Unsafe.Add(ref x0, 1);
                row = ref Unsafe.Add(ref row, PackedByteLayer.RowBytes);
            }

            nuint o = (nuint)(b * PackedByteLayer.Lanes);
            PackedKernels.Finish(a0, layer.Relu, layer.Shift).StoreUnsafe(ref ys, o);
            PackedKernels.Finish(a1, layer.Relu, layer.Shift).StoreUnsafe(ref ys, o + (nuint)outStride);
            PackedKernels.Finish(a2, layer.Relu, layer.Shift).StoreUnsafe(ref ys, o + (nuint)(2 * outStride));
            PackedKernels.Finish(a3, layer.Relu, layer.Shift).StoreUnsafe(ref ys, o + (nuint)(3 * outStride));
        }
    }

    /// <summary>Four quads' <c>vpmaddubsw</c> products summed in 16 bits (the caller proved they fit): inputs at xq, weight rows at row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Run(ref int xq, ref sbyte row) =>
        (Avx512BW.MultiplyAddAdjacent(Vector512.Create(xq).AsByte(), Vector512.LoadUnsafe(ref row))
            + Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref xq, 1)).AsByte(), Vector512.LoadUnsafe(ref row, PackedByteLayer.RowBytes)))
        + (Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref xq, 2)).AsByte(), Vector512.LoadUnsafe(ref row, 2 * PackedByteLayer.RowBytes))
            + Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.Add(ref xq, 3)).AsByte(), Vector512.LoadUnsafe(ref row, 3 * PackedByteLayer.RowBytes)));

    internal static void Layer256(PackedByteLayer layer, ReadOnlySpan<byte> x, Span<int> y)
    {
        int quads = layer.Quads;
        var ones = Vector256.Create((short)1);
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref int bias = ref MemoryMarshal.GetArrayDataReference(layer.Biases);
        ref int xs = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(x));
        ref int ys = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < layer.Blocks; b++)
        {
            ref sbyte row = ref Unsafe.Add(ref w, b * quads * PackedByteLayer.RowBytes);
            var low = Vector256.LoadUnsafe(ref bias, (nuint)(b * PackedByteLayer.Lanes));
            var high = Vector256.LoadUnsafe(ref bias, (nuint)((b * PackedByteLayer.Lanes) + 8));
            for (int q = 0; q < quads; q++)
            {
                var quad = Vector256.Create(Unsafe.Add(ref xs, q)).AsByte();
                nuint at = (nuint)(q * PackedByteLayer.RowBytes);
                low += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(quad, Vector256.LoadUnsafe(ref row, at)), ones);
                high += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(quad, Vector256.LoadUnsafe(ref row, at + 32)), ones);
            }

            PackedKernels.Finish(low, layer.Relu, layer.Shift).StoreUnsafe(ref ys, (nuint)(b * PackedByteLayer.Lanes));
            PackedKernels.Finish(high, layer.Relu, layer.Shift).StoreUnsafe(ref ys, (nuint)((b * PackedByteLayer.Lanes) + 8));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<int> low, Vector256<int> high, PackedByteLayer layer, ref int ys, nuint at)
    {
        PackedKernels.Finish(low, layer.Relu, layer.Shift).StoreUnsafe(ref ys, at);
        PackedKernels.Finish(high, layer.Relu, layer.Shift).StoreUnsafe(ref ys, at + 8);
    }
#endif
}
