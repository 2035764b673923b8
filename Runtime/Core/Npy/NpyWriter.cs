using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace SlthGen;

/// <summary>
/// Writes NumPy .npy files byte for byte as <c>np.save</c> (NumPy ≥ 1.23) writes them: sorted
/// header keys, the growth-axis spare space, padding to a 64-byte boundary, C order.
/// </summary>
public static class NpyWriter
{
    private const int Align = 64;

    /// <summary>Writes <paramref name="array"/> as a .npy file to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="array">The array.</param>
    /// <param name="version">The format version; <see cref="NpyFormatVersion.Automatic"/> (the default) picks 1.0 unless the header is too long.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Version 1.0 was requested but the header does not fit it (ParamName "version").</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a defined value.</exception>
    public static void Write(Stream stream, NpyArray array, NpyFormatVersion version = NpyFormatVersion.Automatic)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (array is null)
        {
            throw new ArgumentNullException(nameof(array));
        }

        byte[] header = Header(array, version);
        stream.Write(header, 0, header.Length);
        stream.Write(array.RawData, 0, array.RawData.Length);
    }

    /// <summary>The bytes of the .npy file of <paramref name="array"/>.</summary>
    /// <param name="array">The array.</param>
    /// <param name="version">The format version (default: automatic).</param>
    /// <exception cref="ArgumentNullException"><paramref name="array"/> is null.</exception>
    /// <exception cref="ArgumentException">Version 1.0 was requested but the header does not fit it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a defined value.</exception>
    public static byte[] ToBytes(NpyArray array, NpyFormatVersion version = NpyFormatVersion.Automatic)
    {
        if (array is null)
        {
            throw new ArgumentNullException(nameof(array));
        }

        byte[] header = Header(array, version);
        var result = new byte[header.Length + array.Data.Length];
        header.CopyTo(result, 0);
        array.Data.CopyTo(result.AsSpan(header.Length));
        return result;
    }

    /// <summary>Writes <paramref name="array"/> to the file <paramref name="path"/>, replacing it.</summary>
    /// <param name="path">The file (conventionally ending in .npy).</param>
    /// <param name="array">The array.</param>
    /// <param name="version">The format version (default: automatic).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or the version does not fit.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="array"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(string path, NpyArray array, NpyFormatVersion version = NpyFormatVersion.Automatic)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        byte[] bytes = ToBytes(array, version);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>Magic, version, header length, header dict, padding spaces and the final newline.</summary>
    internal static byte[] Header(NpyArray array, NpyFormatVersion version)
    {
        if (version < NpyFormatVersion.Automatic || version > NpyFormatVersion.Version3)
        {
            throw new ArgumentOutOfRangeException(nameof(version), "Unknown .npy format version " + ((int)version).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        }

        byte[] dict = Encoding.UTF8.GetBytes(NpyHeader.Format(array.Descr, array.Shape)); // ASCII: latin-1 and UTF-8 agree
        int major = version == NpyFormatVersion.Automatic ? 1 : (int)version;
        long length = PaddedLength(dict.Length, major);
        if (major == 1 && length > ushort.MaxValue)
        {
            if (version == NpyFormatVersion.Version1)
            {
                throw new ArgumentException("The header of this array is longer than format 1.0 allows (65535 bytes); use version 2.0.", nameof(version));
            }

            major = 2;
            length = PaddedLength(dict.Length, major);
        }

        int prefix = major == 1 ? 10 : 12;
        var header = new byte[prefix + length];
        header[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(header, 1);
        header[6] = (byte)major;
        header[7] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)length);
        }

        dict.CopyTo(header, prefix);
        for (int i = prefix + dict.Length; i < header.Length - 1; i++)
        {
            header[i] = (byte)' ';
        }

        header[header.Length - 1] = (byte)'\n';
        return header;
    }

    /// <summary>NumPy's _wrap_header: hlen = len + 1 (newline), padded so magic + length field + header is a multiple of 64.</summary>
    private static long PaddedLength(int dictLength, int major)
    {
        int prefix = major == 1 ? 10 : 12;
        long hlen = dictLength + 1L;
        long pad = Align - ((prefix + hlen) % Align);
        return hlen + pad;
    }
}
