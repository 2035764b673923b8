using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;

namespace SlthGen;

/// <summary>
/// Reads NumPy .npy files (format versions 1.0, 2.0 and 3.0) as written by <c>np.save</c>;
/// see docs/npy-support.md for what is supported and the exact errors.
/// </summary>
public static class NpyReader
{
    /// <summary>The largest header accepted, in bytes (NumPy itself refuses headers over 10 000 characters by default).</summary>
    public const int MaxHeaderLength = 1 << 20;

    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>
    /// Reads one array from <paramref name="stream"/>, leaving the stream just after its data (so
    /// several arrays saved one after another into the same file can be read in turn, as with
    /// <c>np.load</c> on an open file).
    /// </summary>
    /// <param name="stream">A readable stream positioned at the magic string.</param>
    /// <param name="name">The array's name for <see cref="NpyArray.Name"/> and error messages, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="NpyFormatException">The data is not a valid .npy array of a supported dtype.</exception>
    /// <exception cref="IOException">The stream fails.</exception>
    public static NpyArray Read(Stream stream, string? name = null)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        return ReadCore(stream, name);
    }

    /// <summary>Reads the .npy file held entirely in <paramref name="data"/>; bytes after the array's data are an error.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="name">The array's name for <see cref="NpyArray.Name"/> and error messages, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="NpyFormatException">The data is not a valid .npy array of a supported dtype, or has trailing bytes.</exception>
    public static NpyArray Read(byte[] data, string? name = null)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        using var stream = new MemoryStream(data, writable: false);
        var array = ReadCore(stream, name);
        CheckNoTrailingData(array, stream.Length - stream.Position);
        return array;
    }

    /// <summary>
    /// Reads the .npy file at <paramref name="path"/>; the array is named after the file (without
    /// extension). Bytes after the array's data are an error.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="NpyFormatException">The file is not a valid .npy array of a supported dtype, or has trailing bytes.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NpyArray ReadFile(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var array = ReadCore(stream, Path.GetFileNameWithoutExtension(path));
        CheckNoTrailingData(array, stream.Length - stream.Position);
        return array;
    }

    private static NpyArray ReadCore(Stream stream, string? name)
    {
        // Magic string and version.
        var prefix = new byte[8];
        int got = ReadAtMost(stream, prefix, 0, prefix.Length);
        for (int i = 0; i < Math.Min(got, Magic.Length); i++)
        {
            if (prefix[i] != Magic[i])
            {
                throw BadMagic(prefix, got, name);
            }
        }

        if (got < Magic.Length)
        {
            throw NpyFormatException.For(name, got == 0
                ? "empty input: not a .npy file (no magic string)."
                : Invariant($"truncated: the input ends after {got} bytes, inside the magic string \\x93NUMPY."));
        }

        if (got < prefix.Length)
        {
            throw NpyFormatException.For(name, "truncated: the input ends before the format version.");
        }

        int major = prefix[6], minor = prefix[7];
        if (major < 1 || major > 3 || minor != 0)
        {
            throw NpyFormatException.For(name, Invariant($"unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)."));
        }

        // Header length and header.
        int lengthSize = major == 1 ? 2 : 4;
        var lengthBytes = new byte[4];
        if (ReadAtMost(stream, lengthBytes, 0, lengthSize) < lengthSize)
        {
            throw NpyFormatException.For(name, "truncated: the input ends inside the header length.");
        }

        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
        {
            throw NpyFormatException.For(name, Invariant($"malformed header: its length field says {headerLength} bytes, more than the limit of {MaxHeaderLength}."));
        }

        var headerBytes = new byte[headerLength];
        int headerGot = ReadAtMost(stream, headerBytes, 0, headerBytes.Length);
        if (headerGot < headerBytes.Length)
        {
            throw NpyFormatException.For(name, Invariant($"truncated: the header is {headerLength} bytes but only {headerGot} follow."));
        }

        string headerText;
        if (major == 3)
        {
            try
            {
                headerText = new UTF8Encoding(false, true).GetString(headerBytes);
            }
            catch (DecoderFallbackException e)
            {
                throw NpyFormatException.For(name, "malformed header: a version 3.0 header must be UTF-8.", e);
            }
        }
        else
        {
            var chars = new char[headerBytes.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)headerBytes[i]; // latin-1
            }

            headerText = new string(chars);
        }

        var header = NpyHeader.Parse(headerText, name);
        var (type, stringLength, bigEndian) = NpyDescr.Parse(header.Descr, name);
        int itemSize = NpyDescr.ItemSize(type, stringLength);
        string shapeText = NpyHeader.FormatShape(header.Shape);
        string descr = NpyHeader.Quote(header.Descr);
        foreach (long d in header.Shape)
        {
            if (d > int.MaxValue)
            {
                throw NpyFormatException.For(name, "shape " + shapeText + " has a dimension too large for a .NET array.");
            }
        }

        long byteCount = NpyArray.CheckedByteCount(header.Shape, itemSize, out _);
        if (byteCount < 0)
        {
            throw NpyFormatException.For(name, "shape " + shapeText + " of " + descr + " needs more than 2 GiB of data, which is not supported.");
        }

        if (header.FortranOrder && CountAboveOne(header.Shape) > 1)
        {
            throw NpyFormatException.For(name, "stored in Fortran (column-major) order (fortran_order: True); only C order is supported. Save it with np.save(path, np.ascontiguousarray(a)).");
        }

        // Data.
        if (stream.CanSeek && stream.Length - stream.Position < byteCount)
        {
            throw Truncated(name, shapeText, descr, byteCount, stream.Length - stream.Position);
        }

        var data = new byte[byteCount];
        int dataGot = ReadAtMost(stream, data, 0, data.Length);
        if (dataGot < byteCount)
        {
            throw Truncated(name, shapeText, descr, byteCount, dataGot);
        }

        if (bigEndian)
        {
            int unit = type == NpyDType.Unicode ? 4 : itemSize;
            for (int i = 0; i < data.Length; i += unit)
            {
                Array.Reverse(data, i, unit);
            }
        }

        if (type == NpyDType.Bool)
        {
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = data[i] != 0 ? (byte)1 : (byte)0;
            }
        }
        else if (type == NpyDType.Unicode)
        {
            for (int i = 0; i < data.Length; i += 4)
            {
                uint code = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i));
                if (code > 0x10FFFF)
                {
                    throw NpyFormatException.For(name, Invariant($"element {i / itemSize} holds 0x{code:X8}, which is not a Unicode code point."));
                }
            }
        }

        var shape = new int[header.Shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = (int)header.Shape[i];
        }

        return NpyArray.FromData(type, stringLength, shape, data, name);
    }

    private static int CountAboveOne(long[] shape)
    {
        int count = 0;
        foreach (long d in shape)
        {
            if (d > 1)
            {
                count++;
            }
        }

        return count;
    }

    private static void CheckNoTrailingData(NpyArray array, long trailing)
    {
        if (trailing > 0)
        {
            throw NpyFormatException.For(array.Name, Invariant($"shape/size mismatch: shape {NpyHeader.FormatShape(array.Shape)} of '{array.Descr}' needs {(long)array.Length * array.ItemSize} bytes of data but {(long)array.Length * array.ItemSize + trailing} follow the header."));
        }
    }

    private static NpyFormatException Truncated(string? name, string shapeText, string descr, long needed, long present) =>
        NpyFormatException.For(name, Invariant($"data truncated: shape {shapeText} of {descr} needs {needed} bytes but only {present} follow the header."));

    private static NpyFormatException BadMagic(byte[] prefix, int got, string? name)
    {
        int shown = Math.Min(got, Magic.Length);
        var hex = new StringBuilder();
        for (int i = 0; i < shown; i++)
        {
            hex.Append(i == 0 ? string.Empty : " ").Append(prefix[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        string hint = got >= 4 && prefix[0] == (byte)'P' && prefix[1] == (byte)'K' && prefix[2] == 3 && prefix[3] == 4
            ? " It looks like a zip archive (.npz); read it with NpzArchive."
            : string.Empty;
        return NpyFormatException.For(name, "bad magic: not a .npy file; it starts with " + hex + " instead of the magic string \\x93NUMPY (93 4E 55 4D 50 59)." + hint);
    }

    /// <summary>Reads up to <paramref name="count"/> bytes, fewer only at the end of the stream.</summary>
    internal static int ReadAtMost(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(buffer, offset + total, count - total);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
