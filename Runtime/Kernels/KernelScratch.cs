using System;

namespace SlthGen;

/// <summary>
/// Per-thread working arrays for generated kernels whose hidden layers are too large for the
/// stack: one buffer per slot (a hidden layer), grown on demand and reused by later calls, on a
/// 64-byte boundary on net8.0+ (<see cref="LaneMemory{T}"/>).
/// </summary>
/// <typeparam name="T">The lane type.</typeparam>
public static class KernelScratch<T>
{
    /// <summary>A span of <paramref name="length"/> values for <paramref name="slot"/> on this thread (contents unspecified).</summary>
    /// <exception cref="ArgumentOutOfRangeException">slot or length is negative.</exception>
    public static Span<T> Get(int slot, int length)
    {
        if (slot < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, "The slot cannot be negative.");
        }

        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length cannot be negative.");
        }

        return LaneMemory<T>.Get(LaneMemory<T>.FirstKernelSlot + slot, length);
    }
}
