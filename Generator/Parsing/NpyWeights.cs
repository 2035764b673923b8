using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Parsing;

/// <summary>One integer array read from a .npy file or .npz entry.</summary>
internal sealed record NpyInts(string Name, int[] Shape, int[] Values);

/// <summary>
/// The generator's NumPy reader: just what docs/weights.md promises — C-order integer arrays
/// (int8…int64, uint8…uint64, either byte order) whose values fit 32 bits, in .npy files
/// (format 1.0, 2.0, 3.0) and .npz archives (stored or deflated). Strict: every header key once
/// and known, the data exactly as long as the shape says, a CRC-32 check of every .npz entry.
/// Sizes come from headers and the zip directory, and are checked against the limits before
/// anything of that size is allocated. The runtime library's full NumPy support
/// (Runtime/Core/Npy, with the deterministic writer) is not compiled into the generator.
/// </summary>
/// <remarks>
/// System.IO.Compression's ZipArchive is not used for the directory: on netstandard2.0 it
/// exposes no entry CRC, and it would decompress before we could bound sizes. The directory is
/// parsed here (no ZIP64 beyond the extra field, no encryption, no multi-volume archives) and
/// DeflateStream inflates.
/// </remarks>
internal static class NpyWeights
{
    private const string QuantiseHint = "store integers in units of 2^-TargetBits, e.g. np.round(w * 2**TargetBits).astype(np.int8)";
    private const int MaxHeaderLength = 1 << 16;
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>Reads one .npy array.</summary>
    /// <exception cref="FormatException">Not a valid .npy file of a supported dtype.</exception>
    /// <exception cref="LimitExceededException">It declares more elements than <paramref name="limits"/> allow.</exception>
    public static NpyInts ReadNpy(byte[] bytes, string name, Limits limits)
    {
        string where = "'" + name + "'";
        if (bytes.Length < 10 || !StartsWith(bytes, Magic))
        {
            throw new FormatException(where + " is not a .npy array: it does not start with the magic bytes \\x93NUMPY");
        }

        int major = bytes[6], minor = bytes[7];
        if ((major is not 1 and not 2 and not 3) || minor != 0)
        {
            throw new FormatException(where + " has .npy format version " + major + "." + minor + "; versions 1.0, 2.0 and 3.0 are supported");
        }

        int lengthBytes = major == 1 ? 2 : 4;
        if (bytes.Length < 8 + lengthBytes)
        {
            throw new FormatException(where + " is truncated inside its header");
        }

        long headerLength = major == 1 ? bytes[8] | (bytes[9] << 8) : (uint)(bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (bytes[11] << 24));
        long dataStart = 8 + lengthBytes + headerLength;
        if (headerLength > MaxHeaderLength)
        {
            throw new FormatException(where + " declares a header of " + N(headerLength) + " bytes; NumPy writes a few hundred (at most " + N(MaxHeaderLength) + " are read)");
        }

        if (dataStart > bytes.Length)
        {
            throw new FormatException(where + " is truncated: its header needs " + N(dataStart) + " bytes, the file has " + N(bytes.Length));
        }

        string header;
        try
        {
            header = (major == 3 ? new UTF8Encoding(false, true) : (Encoding)Encoding.ASCII).GetString(bytes, 8 + lengthBytes, (int)headerLength);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException(where + " has a header that is not valid UTF-8");
        }

        if (major != 3)
        {
            foreach (byte b in new ArraySegment<byte>(bytes, 8 + lengthBytes, (int)headerLength))
            {
                if (b >= 0x80)
                {
                    throw new FormatException(where + " has a non-ASCII header in format " + major + ".0 (only 3.0 headers are UTF-8)");
                }
            }
        }

        var (descr, fortran, shape) = ParseHeader(header, where);
        if (fortran)
        {
            throw new FormatException(where + " is stored in Fortran (column-major) order: save it with np.ascontiguousarray(w) (C order)");
        }

        var (size, bigEndian, unsigned) = DType(descr, where);
        long count = 1;
        foreach (int d in shape)
        {
            count = d == 0 ? 0 : count > long.MaxValue / d ? long.MaxValue : count * d;
            if (count > limits.MaxTargetParameters)
            {
                throw new LimitExceededException(new LimitProblem("The number of elements of " + where + " (shape " + Shape(shape) + ")", count, limits.MaxTargetParameters, Limits.MaxTargetParametersProperty, "the target has at most that many weights and biases"));
            }
        }

        long expected = count * size;
        if (bytes.Length - dataStart != expected)
        {
            throw new FormatException(bytes.Length - dataStart < expected
                ? where + " is truncated: shape " + Shape(shape) + " of " + descr + " needs " + N(expected) + " bytes of data, the file has " + N(bytes.Length - dataStart)
                : where + " has " + N(bytes.Length - dataStart - expected) + " bytes after the data its shape " + Shape(shape) + " of " + descr + " needs");
        }

        var values = new int[count];
        for (long i = 0; i < count; i++)
        {
            long at = dataStart + (i * size);
            ulong raw = 0;
            for (int k = 0; k < size; k++)
            {
                int shift = 8 * (bigEndian ? size - 1 - k : k);
                raw |= (ulong)bytes[at + k] << shift;
            }

            long value;
            bool fits;
            if (unsigned)
            {
                fits = raw <= int.MaxValue;
                value = fits ? (long)raw : 0;
            }
            else
            {
                int unused = 64 - (8 * size);
                value = (long)(raw << unused) >> unused; // sign-extend
                fits = value is >= int.MinValue and <= int.MaxValue;
            }

            if (!fits)
            {
                throw new FormatException(where + " holds " + (unsigned ? raw.ToString(CultureInfo.InvariantCulture) : N(value)) + " at flat index " + N(i) + ", beyond 32-bit integers: weights are integers in units of 2^-TargetBits with |w| ≤ 2^TargetBits");
            }

            values[i] = (int)value;
        }

        return new NpyInts(name, shape, values);
    }

    /// <summary>Reads every array of a .npz archive, in directory order, keyed by name without ".npy".</summary>
    /// <exception cref="FormatException">Not a valid zip of .npy entries, or an entry is corrupt or invalid.</exception>
    /// <exception cref="LimitExceededException">The uncompressed arrays are larger than the limits allow.</exception>
    public static List<NpyInts> ReadNpz(byte[] zip, Limits limits)
    {
        var entries = new List<NpyInts>();
        int end = FindEndOfDirectory(zip);
        if (end < 0)
        {
            throw new FormatException(StartsWith(zip, Magic)
                ? "it is a .npy array, not a .npz archive: rename it to .npy"
                : "it is not a .npz (zip) archive: no end-of-central-directory record; write it with np.savez or np.savez_compressed");
        }

        if (U16(zip, end + 4) != 0 || U16(zip, end + 6) != 0)
        {
            throw new FormatException("it is a multi-volume (split) zip archive, which .npz never is");
        }

        int count = U16(zip, end + 10);
        long directorySize = U32(zip, end + 12), directoryOffset = U32(zip, end + 16);
        if (directoryOffset + directorySize > end)
        {
            throw new FormatException("its zip central directory lies outside the file (truncated or damaged archive)");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        int p = (int)directoryOffset;
        for (int k = 0; k < count; k++)
        {
            if (p + 46 > end || U32(zip, p) != 0x02014b50)
            {
                throw new FormatException("its zip central directory entry " + N(k) + " is damaged");
            }

            int flags = U16(zip, p + 8), method = U16(zip, p + 10);
            uint crc = (uint)U32(zip, p + 16);
            long compressed = U32(zip, p + 20), size = U32(zip, p + 24);
            int nameLength = U16(zip, p + 28), extraLength = U16(zip, p + 30), commentLength = U16(zip, p + 32);
            long local = U32(zip, p + 42);
            if (p + 46L + nameLength + extraLength + commentLength > end)
            {
                throw new FormatException("its zip central directory entry " + N(k) + " is damaged");
            }

            string entry = EntryName(zip, p + 46, nameLength, (flags & 0x800) != 0);
            Zip64(zip, p + 46 + nameLength, extraLength, ref size, ref compressed, ref local);
            p += 46 + nameLength + extraLength + commentLength;

            if (!entry.EndsWith(".npy", StringComparison.Ordinal) || entry.Length == 4 || entry.IndexOf('/') >= 0)
            {
                throw new FormatException("its entry '" + entry + "' is not a NAME.npy array (np.savez names every entry NAME.npy)");
            }

            string name = entry.Substring(0, entry.Length - 4);
            if (!names.Add(name))
            {
                throw new FormatException("it has two entries named '" + entry + "'");
            }

            if ((flags & 0x41) != 0)
            {
                throw new FormatException("its entry '" + entry + "' is encrypted");
            }

            if (method is not 0 and not 8)
            {
                throw new FormatException("its entry '" + entry + "' uses zip compression method " + N(method) + "; np.savez stores (0) and np.savez_compressed deflates (8)");
            }

            total += size;
            if (total > limits.MaxFileBytes)
            {
                throw new LimitExceededException(new LimitProblem("The uncompressed size of the .npz arrays", total, limits.MaxFileBytes, Limits.MaxFileBytesProperty, "a .npz holding that much is not a weights file SlthGen can turn into code"));
            }

            if (method == 0 ? compressed != size : size > (compressed * 1032) + 1024)
            {
                throw new FormatException("its entry '" + entry + "' declares " + N(compressed) + " compressed and " + N(size) + " uncompressed bytes, which its compression method cannot produce");
            }

            if (local + 30 > directoryOffset || U32(zip, (int)local) != 0x04034b50)
            {
                throw new FormatException("its entry '" + entry + "' has no local header where the zip directory says (damaged archive)");
            }

            long dataStart = local + 30 + U16(zip, (int)local + 26) + U16(zip, (int)local + 28);
            if (dataStart + compressed > directoryOffset)
            {
                throw new FormatException("its entry '" + entry + "' is truncated: its data runs past the end of the entries");
            }

            byte[] data = method == 0 ? Slice(zip, dataStart, (int)size) : Inflate(zip, dataStart, (int)compressed, (int)size, entry);
            uint actual = Crc32(data);
            if (actual != crc)
            {
                throw new FormatException("its entry '" + entry + "' is corrupt: its CRC-32 is 0x" + actual.ToString("X8", CultureInfo.InvariantCulture) + ", the archive says 0x" + crc.ToString("X8", CultureInfo.InvariantCulture));
            }

            entries.Add(ReadNpy(data, name, limits));
        }

        return entries;
    }

    private static (string Descr, bool Fortran, int[] Shape) ParseHeader(string header, string where)
    {
        // A Python dict literal: {'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), } then spaces and '\n'.
        var s = new HeaderScanner(header, where);
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        s.Expect('{');
        while (!s.TryTake('}'))
        {
            string key = s.Quoted();
            s.Expect(':');
            switch (key)
            {
                case "descr" when descr is null:
                    descr = s.Quoted();
                    break;
                case "fortran_order" when fortran is null:
                    fortran = s.Boolean();
                    break;
                case "shape" when shape is null:
                    shape = s.Tuple();
                    break;
                case "descr" or "fortran_order" or "shape":
                    throw s.Fail("repeats the key '" + key + "'");
                default:
                    throw s.Fail("has an unknown header key '" + key + "' (NumPy writes descr, fortran_order and shape)");
            }

            if (!s.TryTake(','))
            {
                s.Expect('}');
                break;
            }
        }

        s.End();
        if (descr is null || fortran is null || shape is null)
        {
            throw new FormatException(where + " has a header without " + (descr is null ? "'descr'" : fortran is null ? "'fortran_order'" : "'shape'"));
        }

        return (descr, fortran.Value, shape);
    }

    private static (int Size, bool BigEndian, bool Unsigned) DType(string descr, string where)
    {
        char order = descr.Length > 0 ? descr[0] : '?';
        string code = order is '<' or '>' or '|' or '=' ? descr.Substring(1) : descr;
        bool big = order == '>';
        int size = code.Length >= 2 && int.TryParse(code.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;
        char kind = code.Length > 0 ? code[0] : '?';
        if ((kind is 'i' or 'u') && size is 1 or 2 or 4 or 8 && (order != '|' || size == 1))
        {
            return (size, big, kind == 'u');
        }

        if (kind == 'f')
        {
            throw new FormatException(where + " holds floats (" + descr + "): " + QuantiseHint);
        }

        throw new FormatException(where + " has dtype '" + descr + "'; weights must be integers: int8, int16 or int32 (int64 and uint8…uint64 too, when every value fits 32 bits)");
    }

    private static byte[] Inflate(byte[] zip, long start, int compressed, int size, string entry)
    {
        var data = new byte[size];
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(zip, (int)start, compressed, writable: false), CompressionMode.Decompress);
            int read = 0;
            while (read < size)
            {
                int got = deflate.Read(data, read, size - read);
                if (got == 0)
                {
                    break;
                }

                read += got;
            }

            if (read != size || deflate.ReadByte() >= 0)
            {
                throw new FormatException("its entry '" + entry + "' inflates to " + (read != size ? N(read) : "more than " + N(size)) + " bytes, but the zip directory says " + N(size) + " (damaged archive)");
            }
        }
        catch (InvalidDataException)
        {
            throw new FormatException("its entry '" + entry + "' has corrupt deflate data (damaged archive)");
        }

        return data;
    }

    private static void Zip64(byte[] zip, int start, int length, ref long size, ref long compressed, ref long local)
    {
        for (int p = start; p + 4 <= start + length;)
        {
            int id = U16(zip, p), dataLength = U16(zip, p + 2);
            if (p + 4 + dataLength > start + length)
            {
                throw new FormatException("a zip extra field is damaged");
            }

            if (id == 1)
            {
                int q = p + 4;
                foreach (int which in new[] { 0, 1, 2 })
                {
                    long current = which == 0 ? size : which == 1 ? compressed : local;
                    if (current != 0xFFFFFFFF)
                    {
                        continue;
                    }

                    if (q + 8 > p + 4 + dataLength)
                    {
                        throw new FormatException("a ZIP64 extra field is damaged");
                    }

                    long value = U32(zip, q) | ((long)U32(zip, q + 4) << 32);
                    if (value < 0 || value > int.MaxValue)
                    {
                        throw new FormatException("a ZIP64 size or offset is beyond 2 GiB");
                    }

                    if (which == 0)
                    {
                        size = value;
                    }
                    else if (which == 1)
                    {
                        compressed = value;
                    }
                    else
                    {
                        local = value;
                    }

                    q += 8;
                }
            }

            p += 4 + dataLength;
        }
    }

    private static string EntryName(byte[] zip, int start, int length, bool utf8)
    {
        try
        {
            return utf8 ? new UTF8Encoding(false, true).GetString(zip, start, length) : Encoding.ASCII.GetString(zip, start, length);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("an entry name is not valid UTF-8");
        }
    }

    private static int FindEndOfDirectory(byte[] zip)
    {
        for (int p = zip.Length - 22; p >= 0 && p >= zip.Length - 22 - 0xFFFF; p--)
        {
            if (U32(zip, p) == 0x06054b50 && p + 22 + U16(zip, p + 20) == zip.Length)
            {
                return p;
            }
        }

        return -1;
    }

    private static byte[] Slice(byte[] bytes, long start, int length)
    {
        var slice = new byte[length];
        Buffer.BlockCopy(bytes, (int)start, slice, 0, length);
        return slice;
    }

    private static bool StartsWith(byte[] bytes, byte[] prefix)
    {
        if (bytes.Length < prefix.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            if (bytes[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int U16(byte[] b, int at) => at >= 0 && at + 2 <= b.Length ? b[at] | (b[at + 1] << 8) : throw new FormatException("it is truncated (a zip record runs past the end of the file)");

    private static long U32(byte[] b, int at) => at >= 0 && at + 4 <= b.Length ? (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) : throw new FormatException("it is truncated (a zip record runs past the end of the file)");

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static string Shape(int[] shape) => "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A scanner for the Python literal subset NumPy writes in .npy headers.</summary>
    private sealed class HeaderScanner
    {
        private readonly string _text;
        private readonly string _where;
        private int _at;

        public HeaderScanner(string text, string where)
        {
            _text = text;
            _where = where;
        }

        public FormatException Fail(string problem) => new(_where + " " + problem + " (.npy header: " + Abbreviate(_text) + ")");

        public void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Fail("has a malformed header: expected '" + c + "' at character " + N(_at));
            }
        }

        public bool TryTake(char c)
        {
            Space();
            if (_at < _text.Length && _text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        public string Quoted()
        {
            Space();
            char quote = _at < _text.Length ? _text[_at] : '\0';
            if (quote is not '\'' and not '"')
            {
                throw Fail("has a malformed header: expected a quoted string at character " + N(_at));
            }

            int end = _text.IndexOf(quote, _at + 1);
            if (end < 0 || _text.IndexOf('\\', _at + 1, end - _at - 1) >= 0)
            {
                throw Fail("has a malformed header: an unterminated or escaped string");
            }

            string value = _text.Substring(_at + 1, end - _at - 1);
            _at = end + 1;
            return value;
        }

        public bool Boolean()
        {
            Space();
            foreach (var (word, value) in new[] { ("True", true), ("False", false) })
            {
                if (string.CompareOrdinal(_text, _at, word, 0, word.Length) == 0)
                {
                    _at += word.Length;
                    return value;
                }
            }

            throw Fail("has a malformed header: fortran_order must be True or False");
        }

        public int[] Tuple()
        {
            Expect('(');
            var dims = new List<int>();
            while (!TryTake(')'))
            {
                Space();
                int start = _at;
                while (_at < _text.Length && _text[_at] >= '0' && _text[_at] <= '9')
                {
                    _at++;
                }

                if (_at == start || !int.TryParse(_text.Substring(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                {
                    throw Fail("has a malformed shape: dimensions must be non-negative integers below 2^31");
                }

                dims.Add(d);
                if (!TryTake(','))
                {
                    Expect(')');
                    break;
                }
            }

            return dims.ToArray();
        }

        public void End()
        {
            while (_at < _text.Length && _text[_at] == ' ')
            {
                _at++;
            }

            if (_at != _text.Length - 1 || _text[_at] != '\n')
            {
                throw Fail("has text after the header dictionary (it must end with spaces and a newline)");
            }
        }

        private void Space()
        {
            while (_at < _text.Length && _text[_at] == ' ')
            {
                _at++;
            }
        }

        private static string Abbreviate(string text)
        {
            string trimmed = text.TrimEnd(' ', '\n');
            return trimmed.Length > 80 ? trimmed.Substring(0, 80) + "…" : trimmed;
        }
    }
}
