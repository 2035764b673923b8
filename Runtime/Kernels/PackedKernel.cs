using System;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

// AvxVnni carries [RequiresPreviewFeatures] in the net8.0 reference assemblies (CA2252). The JIT
// compiles it on .NET 8 and later, and every use sits behind AvxVnni.IsSupported (checked when the
// kernel is chosen), so the library opts in here instead of marking its whole surface as preview.
#pragma warning disable CA2252

namespace SlthGen;

/// <summary>
/// The instruction sequence a packed layer runs on. Every kernel computes the same integers (the
/// sums are exact, so their order does not matter); which ones a layer may use is proven from its
/// weights and input range when the network is packed.
/// </summary>
internal enum PackedKernel
{
    /// <summary>16-bit weights and inputs, a scalar loop over the packed layout (the obvious reference, and netstandard2.0's path).</summary>
    Scalar16,

    /// <summary>16-bit: AVX2 <c>vpmaddwd</c> + <c>vpaddd</c> on two 256-bit halves.</summary>
    Avx2Madd16,

    /// <summary>16-bit: AVX-512BW <c>vpmaddwd</c> + <c>vpaddd</c>, 16 outputs per instruction.</summary>
    Avx512Madd16,

    /// <summary>16-bit: AVX-VNNI <c>vpdpwssd</c> (the multiply-add and the add fused), two 256-bit halves.</summary>
    AvxVnni16,

    /// <summary>8-bit weights, inputs offset to unsigned bytes, a scalar loop over the packed layout.</summary>
    Scalar8,

    /// <summary>8-bit: AVX2 <c>vpmaddubsw</c> (u8×s8 pairs into s16, proven not to saturate), <c>vpmaddwd</c> by ones, <c>vpaddd</c>.</summary>
    Avx2Maddubs8,

    /// <summary>8-bit: the same on AVX-512BW, 16 outputs × 4 inputs per <c>vpmaddubsw</c>.</summary>
    Avx512Maddubs8,

    /// <summary>8-bit: AVX-VNNI <c>vpdpbusd</c> (u8×s8, four products per int32 lane, fused add; no 16-bit intermediate).</summary>
    AvxVnni8,
}

/// <summary>Which instruction set the packed kernels use: automatic, or forced (tests reach every path this way).</summary>
internal enum PackedIsa
{
    /// <summary>The fastest supported kernel (measured; see BENCHMARKS.md, "Inference").</summary>
    Auto,

    /// <summary>The scalar loops.</summary>
    Scalar,

    /// <summary>AVX2 (<c>vpmaddwd</c>, <c>vpmaddubsw</c>).</summary>
    Avx2,

    /// <summary>AVX-512BW (<c>vpmaddwd</c>, <c>vpmaddubsw</c>).</summary>
    Avx512BW,

    /// <summary>AVX-VNNI (<c>vpdpwssd</c>, <c>vpdpbusd</c>).</summary>
    AvxVnni,
}

/// <summary>How <see cref="PackedTargetNetwork"/> packs a network. The default is what the generated code gets.</summary>
/// <param name="Isa">The instruction set; forcing one the processor lacks throws <see cref="PlatformNotSupportedException"/>.</param>
/// <param name="Only16Bit">Keep every layer on the 16-bit kernels, even those proven exact on 8-bit weights and byte inputs (<c>default</c> packs those on 8-bit kernels).</param>
/// <param name="NoRuns">Widen every <c>vpmaddubsw</c> result at once, even where sums of four are proven to fit int16.</param>
internal readonly record struct PackedOptions(PackedIsa Isa = PackedIsa.Auto, bool Only16Bit = false, bool NoRuns = false)
{
    /// <summary>The kernel for a layer. <paramref name="bytes"/>: the 8-bit proof holds; <paramref name="pairsFitInt16"/>: so does the one for <c>vpmaddubsw</c>'s 16-bit pair sums.</summary>
    public PackedKernel Choose(bool bytes, bool pairsFitInt16)
    {
        bytes &= !Only16Bit;
        switch (Isa)
        {
            case PackedIsa.Scalar:
                return bytes ? PackedKernel.Scalar8 : PackedKernel.Scalar16;
#if NET8_0_OR_GREATER
            case PackedIsa.Avx2:
                Require(Avx2.IsSupported);
                return bytes && pairsFitInt16 ? PackedKernel.Avx2Maddubs8 : PackedKernel.Avx2Madd16;
            case PackedIsa.Avx512BW:
                Require(Avx512BW.IsSupported);
                return bytes && pairsFitInt16 ? PackedKernel.Avx512Maddubs8 : PackedKernel.Avx512Madd16;
            case PackedIsa.AvxVnni:
                Require(AvxVnni.IsSupported);
                return bytes ? PackedKernel.AvxVnni8 : PackedKernel.AvxVnni16;
            case PackedIsa.Auto:
                return Fastest(bytes, pairsFitInt16);
#endif
            default:
                Require(Isa == PackedIsa.Auto);
                return PackedKernel.Scalar16;
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The order measured on AMD Zen 5 (tests/SlthGen.Benchmarks, <c>PackedKernelBenchmarks</c>):
    /// 8-bit before 16-bit (half the bytes per weight), and among each width the kernel that won.
    /// </summary>
    private static PackedKernel Fastest(bool bytes, bool pairsFitInt16)
    {
        if (bytes && Avx512BW.IsSupported && pairsFitInt16)
        {
            return PackedKernel.Avx512Maddubs8;
        }

        if (bytes && AvxVnni.IsSupported)
        {
            return PackedKernel.AvxVnni8;
        }

        if (bytes && Avx2.IsSupported && pairsFitInt16)
        {
            return PackedKernel.Avx2Maddubs8;
        }

        if (Avx512BW.IsSupported)
        {
            return PackedKernel.Avx512Madd16;
        }

        if (AvxVnni.IsSupported)
        {
            return PackedKernel.AvxVnni16;
        }

        return Avx2.IsSupported ? PackedKernel.Avx2Madd16 : PackedKernel.Scalar16;
    }
#endif

    private void Require(bool supported)
    {
        if (!supported)
        {
            throw new PlatformNotSupportedException("This processor (or target framework) does not support the " + Isa + " kernels.");
        }
    }
}
