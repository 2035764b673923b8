using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// Writes the compact byte stream that generated code carries its tables in: LEB128 varints,
/// zigzag for signed values, and small weights packed two to a byte. Written by the generator,
/// read by <see cref="CompactReader"/> in the runtime library.
/// </summary>
internal sealed class CompactWriter
{
    private readonly List<byte> _bytes = new();

    public int Length => _bytes.Count;

    public void Byte(int value) => _bytes.Add(checked((byte)value));

    public void UInt(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }

    public void Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>
    /// A run of small signed values: nibbles (two per byte) when all are in [-8, 7], else zigzag
    /// varints. The first byte says which.
    /// </summary>
    public void Values(IReadOnlyList<long> values)
    {
        bool nibbles = true;
        foreach (long v in values)
        {
            nibbles &= v >= -8 && v <= 7;
        }

        Byte(nibbles ? CompactReader.NibbleCoding : CompactReader.VarintCoding);
        if (!nibbles)
        {
            foreach (long v in values)
            {
                Int(v);
            }

            return;
        }

        for (int i = 0; i < values.Count; i += 2)
        {
            int low = (int)values[i] + 8;
            int high = i + 1 < values.Count ? (int)values[i + 1] + 8 : 0;
            _bytes.Add((byte)(low | (high << 4)));
        }
    }

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>
    /// The bytes as base64 lines for a C# verbatim string: base64 has no quote, and
    /// <c>Convert.FromBase64String</c> skips the line breaks.
    /// </summary>
    public static IEnumerable<string> Base64Lines(byte[] bytes, int lineLength = 120)
    {
        string text = Convert.ToBase64String(bytes);
        for (int i = 0; i < text.Length; i += lineLength)
        {
            yield return text.Substring(i, Math.Min(lineLength, text.Length - i));
        }
    }
}
