using System;

namespace SlthGen;

/// <summary>
/// Per-thread working arrays for generated kernels whose hidden layers are too large for the
/// stack: one array per slot (a hidden layer), grown on demand and reused by later calls.
/// </summary>
/// <typeparam name="T">The lane type.</typeparam>
public static class KernelScratch<T>
{
    [ThreadStatic]
    private static T[]?[]? t_slots;

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

        var slots = t_slots;
        if (slots is null || slots.Length <= slot)
        {
            Array.Resize(ref slots, slot + 1);
            t_slots = slots;
        }

        var array = slots[slot];
        if (array is null || array.Length < length)
        {
            slots[slot] = array = new T[length];
        }

        return array.AsSpan(0, length);
    }
}
