using System;

namespace SlthGen;

/// <summary>
/// Reads what <see cref="CompactWriter"/> wrote. Every read is bounds-checked and every count is
/// checked against what is left, so damaged data ends in <see cref="FormatException"/>, never in
/// a huge allocation or an index out of range.
/// </summary>
internal ref struct CompactReader
{
    internal const int NibbleCoding = 4;
    internal const int VarintCoding = 1;

    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public CompactReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    public bool AtEnd => _position == _bytes.Length;

    public int Byte()
    {
        if (_position >= _bytes.Length)
        {
            throw Damaged("the data ends early");
        }

        return _bytes[_position++];
    }

    public ulong UInt()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            int b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Damaged("a varint is longer than 64 bits");
    }

    public long Int()
    {
        ulong raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A count in [0, <paramref name="max"/>], checked before anything is allocated for it.</summary>
    public int Count(long max, string what)
    {
        ulong value = UInt();
        if (value > (ulong)max)
        {
            throw Damaged($"{what} is {value}, above its limit {max}");
        }

        return (int)value;
    }

    public void Values(Span<long> values)
    {
        int coding = Byte();
        if (coding == VarintCoding)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Int();
            }
        }
        else if (coding == NibbleCoding)
        {
            for (int i = 0; i < values.Length; i += 2)
            {
                int b = Byte();
                values[i] = (b & 0xF) - 8;
                if (i + 1 < values.Length)
                {
                    values[i + 1] = (b >> 4) - 8;
                }
            }
        }
        else
        {
            throw Damaged($"unknown value coding {coding}");
        }
    }

    /// <summary>A lower bound on how many values are left (every value takes at least half a byte).</summary>
    public long MaxValuesLeft => 2L * (_bytes.Length - _position);

    public static FormatException Damaged(string why) => new("The network's compact data is damaged: " + why + ".");
}
