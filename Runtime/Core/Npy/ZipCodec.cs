using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SlthGen;

/// <summary>
/// The subset of the zip format that .npz archives use: stored (0) and deflated (8) entries,
/// ZIP64 records on read. Written archives are deterministic: fixed timestamps (1980-01-01
/// 00:00), MS-DOS host, no extra fields, entries in the given order.
/// </summary>
internal static class ZipCodec
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const ushort DosDate1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01
    private const int MaxCentralDirectory = 64 << 20;

    /// <summary>Reads every entry of the archive: its name and its uncompressed, CRC-checked bytes.</summary>
    /// <exception cref="NpyFormatException">The data is not a zip archive or an entry is bad.</exception>
    internal static List<KeyValuePair<string, byte[]>> Read(Stream stream)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        long start = stream.Position;
        long length = stream.Length - start;
        if (length < 22)
        {
            throw NotZip(stream, start, Invariant($"{length} bytes are too few for a zip archive"));
        }

        int tailLength = (int)Math.Min(length, 22 + 0xFFFF);
        byte[] tail = ReadAt(stream, start + length - tailLength, tailLength);
        int eocd = FindEnd(tail);
        if (eocd < 0)
        {
            throw NotZip(stream, start, "no end-of-central-directory record found");
        }

        long eocdPosition = length - tailLength + eocd;
        var e = tail.AsSpan(eocd);
        ushort disk = BinaryPrimitives.ReadUInt16LittleEndian(e.Slice(4));
        ushort cdDisk = BinaryPrimitives.ReadUInt16LittleEndian(e.Slice(6));
        long count = BinaryPrimitives.ReadUInt16LittleEndian(e.Slice(10));
        long cdSize = BinaryPrimitives.ReadUInt32LittleEndian(e.Slice(12));
        long cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(e.Slice(16));
        long directoryEnd = eocdPosition;
        if (disk != 0 || cdDisk != 0)
        {
            throw NotZip(stream, start, "multi-volume (split) archives are not supported");
        }

        if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF)
        {
            if (eocdPosition < 20)
            {
                throw NotZip(stream, start, "the ZIP64 end-of-central-directory locator is missing");
            }

            byte[] locator = ReadAt(stream, start + eocdPosition - 20, 20);
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
            {
                throw NotZip(stream, start, "the ZIP64 end-of-central-directory locator is missing");
            }

            long zip64End = (long)BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
            if (zip64End < 0 || zip64End > eocdPosition - 20 - 56)
            {
                throw NotZip(stream, start, "the ZIP64 end-of-central-directory offset is out of range");
            }

            byte[] z = ReadAt(stream, start + zip64End, 56);
            if (BinaryPrimitives.ReadUInt32LittleEndian(z) != Zip64EndSignature)
            {
                throw NotZip(stream, start, "the ZIP64 end-of-central-directory record is missing");
            }

            count = (long)BinaryPrimitives.ReadUInt64LittleEndian(z.AsSpan(32));
            cdSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(z.AsSpan(40));
            cdOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(z.AsSpan(48));
            directoryEnd = zip64End;
        }

        if (cdOffset < 0 || cdSize < 0 || cdSize > MaxCentralDirectory || cdOffset + cdSize > directoryEnd || count < 0 || count > cdSize / 46)
        {
            throw NotZip(stream, start, "the central directory is out of range or damaged");
        }

        byte[] cd = ReadAt(stream, start + cdOffset, (int)cdSize);
        var result = new List<KeyValuePair<string, byte[]>>((int)count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int p = 0;
        for (long k = 0; k < count; k++)
        {
            if (p + 46 > cd.Length || BinaryPrimitives.ReadUInt32LittleEndian(cd.AsSpan(p)) != CentralHeaderSignature)
            {
                throw NotZip(stream, start, Invariant($"central directory record {k} is damaged"));
            }

            var h = cd.AsSpan(p);
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(8));
            ushort method = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(10));
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(16));
            long compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(20));
            long size = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(24));
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(28));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(30));
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(32));
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(42));
            if (p + 46 + nameLength + extraLength + commentLength > cd.Length)
            {
                throw NotZip(stream, start, Invariant($"central directory record {k} is damaged"));
            }

            string entry = DecodeName(h.Slice(46, nameLength), (flags & 0x800) != 0);
            ReadZip64Extra(h.Slice(46 + nameLength, extraLength), ref size, ref compressedSize, ref localOffset);
            p += 46 + nameLength + extraLength + commentLength;

            if (!seen.Add(entry))
            {
                throw BadEntry(entry, "appears twice in the archive");
            }

            if (entry.EndsWith("/", StringComparison.Ordinal) || !entry.EndsWith(".npy", StringComparison.Ordinal))
            {
                throw BadEntry(entry, "is not a .npy array (np.savez names every entry NAME.npy)");
            }

            if ((flags & 0x41) != 0)
            {
                throw BadEntry(entry, "is encrypted");
            }

            if (method != 0 && method != 8)
            {
                throw BadEntry(entry, Invariant($"uses compression method {method}; only stored (0) and deflated (8) entries are supported"));
            }

            if (size > NpyArray.MaxDataBytes)
            {
                throw BadEntry(entry, Invariant($"is {size} bytes uncompressed; entries over 2 GiB are not supported"));
            }

            if (method == 0 ? compressedSize != size : size > (compressedSize * 1100) + 1024)
            {
                throw BadEntry(entry, Invariant($"declares {compressedSize} compressed and {size} uncompressed bytes, which is impossible for its method"));
            }

            byte[] local = localOffset >= 0 && localOffset + 30 <= cdOffset ? ReadAt(stream, start + localOffset, 30) : Array.Empty<byte>();
            if (local.Length < 30 || BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalHeaderSignature)
            {
                throw BadEntry(entry, "has no local file header where the central directory says");
            }

            long dataStart = localOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
            if (dataStart + compressedSize > cdOffset)
            {
                throw BadEntry(entry, Invariant($"is truncated: its {compressedSize} bytes of data run past the end of the entries"));
            }

            byte[] raw = ReadAt(stream, start + dataStart, (int)compressedSize);
            byte[] data = method == 0 ? raw : Inflate(entry, raw, (int)size);
            uint actual = Crc32.Compute(data);
            if (actual != crc)
            {
                throw BadEntry(entry, Invariant($"is corrupt: CRC-32 is 0x{actual:X8}, the archive says 0x{crc:X8}"));
            }

            result.Add(new KeyValuePair<string, byte[]>(entry, data));
        }

        return result;
    }

    /// <summary>Writes a deterministic archive of the entries, in order.</summary>
    /// <exception cref="NotSupportedException">The archive would need ZIP64 (over 4 GiB or 65535 entries).</exception>
    internal static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, byte[]>> entries, bool compress)
    {
        if (entries.Count >= 0xFFFF)
        {
            throw new NotSupportedException("An archive of 65535 or more arrays needs ZIP64, which the writer does not support.");
        }

        var central = new MemoryStream();
        long offset = 0;
        foreach (var entry in entries)
        {
            byte[] name = Encoding.UTF8.GetBytes(entry.Key);
            bool utf8 = name.Length != entry.Key.Length || HasNonAscii(name);
            byte[] data = entry.Value;
            uint crc = Crc32.Compute(data);
            byte[] stored = compress ? Deflate(data) : data;
            ushort method = compress ? (ushort)8 : (ushort)0;
            if (offset + 30 + name.Length + stored.Length >= uint.MaxValue)
            {
                throw new NotSupportedException("An archive over 4 GiB needs ZIP64, which the writer does not support.");
            }

            var local = new byte[30];
            BinaryPrimitives.WriteUInt32LittleEndian(local, LocalHeaderSignature);
            FillCommon(local.AsSpan(4), method, utf8, crc, stored.Length, data.Length, name.Length);
            stream.Write(local, 0, local.Length);
            stream.Write(name, 0, name.Length);
            stream.Write(stored, 0, stored.Length);

            var header = new byte[46];
            BinaryPrimitives.WriteUInt32LittleEndian(header, CentralHeaderSignature);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 20); // version made by: 2.0, MS-DOS
            FillCommon(header.AsSpan(6), method, utf8, crc, stored.Length, data.Length, name.Length);

            // Comment length, disk, internal and external attributes stay 0.
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), (uint)offset);
            central.Write(header, 0, header.Length);
            central.Write(name, 0, name.Length);
            offset += 30 + name.Length + stored.Length;
        }

        if (offset + central.Length >= uint.MaxValue)
        {
            throw new NotSupportedException("An archive over 4 GiB needs ZIP64, which the writer does not support.");
        }

        byte[] directory = central.ToArray();
        stream.Write(directory, 0, directory.Length);
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)directory.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)offset);
        stream.Write(end, 0, end.Length);
    }

    /// <summary>The 26 bytes from "version needed" to "extra length" shared by local and central headers.</summary>
    private static void FillCommon(Span<byte> h, ushort method, bool utf8, uint crc, int compressedSize, int size, int nameLength)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(h, 20); // version needed: 2.0 (deflate)
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(2), utf8 ? (ushort)0x800 : (ushort)0);
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(4), method);
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(6), 0); // time 00:00:00
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(8), DosDate1980);
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(10), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(14), (uint)compressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(18), (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(22), (ushort)nameLength);
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(24), 0);
    }

    private static bool HasNonAscii(byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            if (b >= 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data, 0, data.Length);
        }

        return output.ToArray();
    }

    private static byte[] Inflate(string entry, byte[] compressed, int size)
    {
        var data = new byte[size];
        try
        {
            using var inflate = new DeflateStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            int got = NpyReader.ReadAtMost(inflate, data, 0, size);
            if (got < size)
            {
                throw BadEntry(entry, Invariant($"is corrupt: it inflates to {got} bytes, the archive says {size}"));
            }

            if (inflate.ReadByte() >= 0)
            {
                throw BadEntry(entry, Invariant($"is corrupt: it inflates to more than the {size} bytes the archive says"));
            }
        }
        catch (InvalidDataException e)
        {
            throw BadEntry(entry, "is corrupt: its deflate data is invalid (" + e.Message + ")", e);
        }

        return data;
    }

    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long size, ref long compressedSize, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(extra.Slice(2));
            if (4 + length > extra.Length)
            {
                return;
            }

            if (id == 0x0001)
            {
                var z = extra.Slice(4, length);
                if (size == 0xFFFFFFFF && z.Length >= 8)
                {
                    size = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(z), long.MaxValue);
                    z = z.Slice(8);
                }

                if (compressedSize == 0xFFFFFFFF && z.Length >= 8)
                {
                    compressedSize = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(z), long.MaxValue);
                    z = z.Slice(8);
                }

                if (localOffset == 0xFFFFFFFF && z.Length >= 8)
                {
                    localOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(z), long.MaxValue);
                }

                return;
            }

            extra = extra.Slice(4 + length);
        }
    }

    private static string DecodeName(ReadOnlySpan<byte> bytes, bool utf8)
    {
        byte[] array = bytes.ToArray();
        try
        {
            return new UTF8Encoding(false, true).GetString(array);
        }
        catch (DecoderFallbackException) when (!utf8)
        {
            // Not UTF-8 and not flagged as such: fall back to latin-1 so the name can at least be reported.
            var chars = new char[array.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)array[i];
            }

            return new string(chars);
        }
        catch (DecoderFallbackException e)
        {
            throw new NpyFormatException("Not a valid .npz archive: an entry name flagged as UTF-8 is not valid UTF-8.", null, e);
        }
    }

    /// <summary>The offset in <paramref name="tail"/> of the end record whose comment reaches the end exactly, else the last one found.</summary>
    private static int FindEnd(byte[] tail)
    {
        int fallback = -1;
        for (int i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature)
            {
                int comment = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20));
                if (i + 22 + comment == tail.Length)
                {
                    return i;
                }

                if (fallback < 0)
                {
                    fallback = i;
                }
            }
        }

        return fallback;
    }

    private static byte[] ReadAt(Stream stream, long position, int count)
    {
        stream.Position = position;
        var buffer = new byte[count];
        int got = NpyReader.ReadAtMost(stream, buffer, 0, count);
        if (got < count)
        {
            Array.Resize(ref buffer, got);
        }

        return buffer;
    }

    private static NpyFormatException NotZip(Stream stream, long start, string detail)
    {
        string hint = string.Empty;
        if (stream.Length - start >= 6)
        {
            byte[] head = ReadAt(stream, start, 6);
            if (head[0] == 0x93 && head[1] == (byte)'N' && head[2] == (byte)'U' && head[3] == (byte)'M' && head[4] == (byte)'P' && head[5] == (byte)'Y')
            {
                hint = " It is a .npy file; read it with NpyReader.";
            }
        }

        return new NpyFormatException("Not a .npz (zip) archive: " + detail + "." + hint);
    }

    private static NpyFormatException BadEntry(string entry, string detail, Exception? inner = null)
    {
        string name = entry.EndsWith(".npy", StringComparison.Ordinal) ? entry.Substring(0, entry.Length - 4) : entry;
        return new NpyFormatException("Entry " + NpyHeader.Quote(entry) + " of the .npz archive " + detail + ".", name, inner);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zip uses.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    internal static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
