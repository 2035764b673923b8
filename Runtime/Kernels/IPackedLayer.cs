using System;

namespace SlthGen;

/// <summary>
/// One layer of a <see cref="PackedTargetNetwork"/>: how it lays its input out in bytes (16-bit
/// values or offset unsigned bytes) and the kernel that runs it. Outputs are always int32, 16 per
/// block, zero beyond <see cref="Outputs"/>.
/// </summary>
internal interface IPackedLayer
{
    int Inputs { get; }

    int Outputs { get; }

    /// <summary>The kernel chosen when the network was packed.</summary>
    PackedKernel Kernel { get; }

    /// <summary>Bytes of one sample's (padded) input buffer.</summary>
    int InputBytes { get; }

    /// <summary>Ints of one sample's (padded) output buffer.</summary>
    int OutputStride { get; }

    /// <summary>One sample's <see cref="Inputs"/> values (proven in range) into the layer's input layout; padding is zero.</summary>
    void Load(ReadOnlySpan<int> source, Span<byte> destination);

    /// <summary>y = floor((σ)(W x + c) / 2^t) for 1 or <see cref="PackedKernels.Group"/> samples.</summary>
    void Run(ReadOnlySpan<byte> x, Span<int> y, int count);
}
