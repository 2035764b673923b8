using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#endif

namespace SlthGen;

/// <summary>
/// Per-thread working memory of the lane kernels, one buffer per slot, grown on demand and
/// reused. On net8.0+ every buffer starts on a 64-byte boundary: a <c>T[]</c>'s data starts 16
/// bytes into the object, so a <c>Vector512</c> array (from <c>new</c>, <c>ArrayPool</c> or
/// <c>stackalloc</c>) puts every element across two cache lines, and each load and store of
/// the kernels' inner loops pays for two. The buffers are pinned (the pinned object heap), so
/// the alignment found once holds.
/// </summary>
/// <typeparam name="T">The lane type.</typeparam>
internal static class LaneMemory<T>
{
    /// <summary>Slot of <c>KernelDriver</c>'s lane buffers.</summary>
    internal const int DriverSlot = 0;

    /// <summary>First of <see cref="TicketProgram"/>'s two alternating buffers.</summary>
    internal const int ProgramSlot = 1;

    /// <summary>Staging of the wide lane types' transposes (<c>Int32Lanes512x4</c>), used only between kernel runs.</summary>
    internal const int StagingSlot = 3;

    /// <summary>Slot of the generated kernels' hidden layer 0 (<see cref="KernelScratch{T}"/>).</summary>
    internal const int FirstKernelSlot = 4;

    private const int Alignment = 64;

#if NET8_0_OR_GREATER
    [ThreadStatic]
    private static byte[]?[]? t_bytes;

    [ThreadStatic]
    private static int[]? t_offsets;
#else
    [ThreadStatic]
    private static T[]?[]? t_arrays;
#endif

    /// <summary>A span of <paramref name="length"/> values for <paramref name="slot"/> on this thread (contents unspecified).</summary>
    internal static Span<T> Get(int slot, int length)
    {
#if NET8_0_OR_GREATER
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Never for lane types; a managed T cannot live in raw bytes.
            return new T[length];
        }

        var slots = t_bytes;
        var offsets = t_offsets;
        if (slots is null || offsets is null || slots.Length <= slot)
        {
            Array.Resize(ref slots, slot + 1);
            Array.Resize(ref offsets, slot + 1);
            t_bytes = slots;
            t_offsets = offsets;
        }

        long bytes = (long)length * Unsafe.SizeOf<T>();
        var array = slots[slot];
        if (array is null || array.Length - offsets[slot] < bytes)
        {
            array = GC.AllocateUninitializedArray<byte>(checked((int)bytes + Alignment), pinned: true);
            long address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
            offsets[slot] = (int)((Alignment - (address % Alignment)) % Alignment);
            slots[slot] = array;
        }

        return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref array[offsets[slot]]), length);
#else
        var slots = t_arrays;
        if (slots is null || slots.Length <= slot)
        {
            Array.Resize(ref slots, slot + 1);
            t_arrays = slots;
        }

        var array = slots[slot];
        if (array is null || array.Length < length)
        {
            slots[slot] = array = new T[length];
        }

        return array.AsSpan(0, length);
#endif
    }
}
