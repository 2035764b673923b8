using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;

namespace SlthGen;

/// <summary>
/// An immutable set of named arrays stored as a NumPy .npz archive (a zip of <c>NAME.npy</c>
/// entries, as <c>np.savez</c> and <c>np.savez_compressed</c> write). Arrays keep the order they
/// were given or read in. Writing is deterministic: the same arrays in the same order give
/// byte-identical archives (see docs/npy-support.md).
/// </summary>
public sealed class NpzArchive : IEnumerable<KeyValuePair<string, NpyArray>>
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly List<KeyValuePair<string, NpyArray>> _entries;
    private readonly Dictionary<string, NpyArray> _byName;

    /// <summary>Creates an archive of <paramref name="arrays"/>, in the order given.</summary>
    /// <param name="arrays">Name and array pairs; names must be unique and non-empty (an array's <see cref="NpyArray.Name"/> becomes its key).</param>
    /// <exception cref="ArgumentNullException"><paramref name="arrays"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is empty, contains NUL, ends with '/', is too long, or repeats, or an array is null (ParamName "arrays").</exception>
    public NpzArchive(IEnumerable<KeyValuePair<string, NpyArray>> arrays)
    {
        if (arrays is null)
        {
            throw new ArgumentNullException(nameof(arrays));
        }

        _entries = new List<KeyValuePair<string, NpyArray>>();
        _byName = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var pair in arrays)
        {
            string name = pair.Key;
            CheckName(name, nameof(arrays));
            if (pair.Value is null)
            {
                throw new ArgumentException("The array named " + NpyHeader.Quote(name) + " is null.", nameof(arrays));
            }

            if (_byName.ContainsKey(name))
            {
                throw new ArgumentException("The name " + NpyHeader.Quote(name) + " appears twice.", nameof(arrays));
            }

            var array = pair.Value.Name == name ? pair.Value : pair.Value.WithName(name);
            _entries.Add(new KeyValuePair<string, NpyArray>(name, array));
            _byName.Add(name, array);
        }

        Names = new ReadOnlyCollection<string>(_entries.ConvertAll(e => e.Key));
    }

    /// <summary>The number of arrays.</summary>
    public int Count => _entries.Count;

    /// <summary>The array names, in archive order (entry names without <c>.npy</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The array named <paramref name="name"/>; same as <see cref="Get"/>.</summary>
    /// <param name="name">The array name (without <c>.npy</c>).</param>
    /// <exception cref="NpyFormatException">There is no such array.</exception>
    public NpyArray this[string name] => Get(name);

    /// <summary>Reads a .npz archive from <paramref name="stream"/> (read to its end; a non-seekable stream is buffered in memory).</summary>
    /// <param name="stream">The archive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="NpyFormatException">It is not a zip archive, an entry is not a valid .npy array of a supported dtype, or an entry is corrupt.</exception>
    /// <exception cref="IOException">The stream fails.</exception>
    public static NpzArchive Read(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        var arrays = new List<KeyValuePair<string, NpyArray>>();
        foreach (var entry in ZipCodec.Read(stream))
        {
            string name = entry.Key.Substring(0, entry.Key.Length - 4);
            if (name.Length == 0)
            {
                throw new NpyFormatException("Entry '.npy' of the .npz archive has an empty array name.", string.Empty, null);
            }

            arrays.Add(new KeyValuePair<string, NpyArray>(name, NpyReader.Read(entry.Value, name)));
        }

        return new NpzArchive(arrays);
    }

    /// <summary>Reads the .npz archive held in <paramref name="data"/>.</summary>
    /// <param name="data">The whole archive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="NpyFormatException">See <see cref="Read(Stream)"/>.</exception>
    public static NpzArchive Read(byte[] data)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        using var stream = new MemoryStream(data, writable: false);
        return Read(stream);
    }

    /// <summary>Reads the .npz archive at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="NpyFormatException">See <see cref="Read(Stream)"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NpzArchive ReadFile(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream);
    }

    /// <summary>Whether the archive has an array named <paramref name="name"/>.</summary>
    /// <param name="name">The array name (without <c>.npy</c>).</param>
    public bool Contains(string name) => name is not null && _byName.ContainsKey(name);

    /// <summary>The array named <paramref name="name"/>.</summary>
    /// <param name="name">The array name (without <c>.npy</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="NpyFormatException">There is no such array (the message lists the ones there are).</exception>
    public NpyArray Get(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (_byName.TryGetValue(name, out var array))
        {
            return array;
        }

        var list = new StringBuilder();
        foreach (var entry in _entries)
        {
            list.Append(list.Length == 0 ? string.Empty : ", ").Append(NpyHeader.Quote(entry.Key));
        }

        throw new NpyFormatException(
            "The .npz archive has no array " + NpyHeader.Quote(name) + " (entry " + NpyHeader.Quote(name + ".npy") + "); it has " + (list.Length == 0 ? "no arrays" : list.ToString()) + ".",
            name,
            null);
    }

    /// <summary>Looks up the array named <paramref name="name"/>.</summary>
    /// <param name="name">The array name (without <c>.npy</c>).</param>
    /// <param name="array">The array, or null if there is none.</param>
    public bool TryGet(string name, [NotNullWhen(true)] out NpyArray? array)
    {
        array = null;
        return name is not null && _byName.TryGetValue(name, out array);
    }

    /// <summary>A new archive with <paramref name="array"/> under <paramref name="name"/>: replaced in place if the name exists, appended otherwise.</summary>
    /// <param name="name">The array name.</param>
    /// <param name="array">The array.</param>
    /// <exception cref="ArgumentException">The name is invalid (see the constructor).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="array"/> is null.</exception>
    public NpzArchive With(string name, NpyArray array)
    {
        CheckName(name, nameof(name));
        if (array is null)
        {
            throw new ArgumentNullException(nameof(array));
        }

        var entries = new List<KeyValuePair<string, NpyArray>>(_entries);
        int i = entries.FindIndex(e => e.Key == name);
        var pair = new KeyValuePair<string, NpyArray>(name, array);
        if (i >= 0)
        {
            entries[i] = pair;
        }
        else
        {
            entries.Add(pair);
        }

        return new NpzArchive(entries);
    }

    /// <summary>
    /// Writes the archive to <paramref name="stream"/>: entries <c>NAME.npy</c> in archive order,
    /// stored (as <c>np.savez</c>) or deflated (as <c>np.savez_compressed</c>).
    /// </summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="compress">Deflate the entries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="NotSupportedException">The archive would exceed 4 GiB or 65534 arrays (ZIP64 is not written).</exception>
    public void Write(Stream stream, bool compress = false)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        var files = new List<KeyValuePair<string, byte[]>>(_entries.Count);
        foreach (var entry in _entries)
        {
            files.Add(new KeyValuePair<string, byte[]>(entry.Key + ".npy", NpyWriter.ToBytes(entry.Value)));
        }

        ZipCodec.Write(stream, files, compress);
    }

    /// <summary>The bytes of the archive (see <see cref="Write"/>).</summary>
    /// <param name="compress">Deflate the entries.</param>
    /// <exception cref="NotSupportedException">The archive would exceed 4 GiB or 65534 arrays.</exception>
    public byte[] ToBytes(bool compress = false)
    {
        using var stream = new MemoryStream();
        Write(stream, compress);
        return stream.ToArray();
    }

    /// <summary>Writes the archive to the file <paramref name="path"/>, replacing it.</summary>
    /// <param name="path">The file (conventionally ending in .npz).</param>
    /// <param name="compress">Deflate the entries.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="NotSupportedException">The archive would exceed 4 GiB or 65534 arrays.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void WriteFile(string path, bool compress = false)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        byte[] bytes = ToBytes(compress);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The arrays with their names, in archive order.</summary>
    public IEnumerator<KeyValuePair<string, NpyArray>> GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void CheckName(string? name, string paramName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("An array name must not be null or empty.", paramName);
        }

        if (name!.IndexOf('\0') >= 0 || name.EndsWith("/", StringComparison.Ordinal))
        {
            throw new ArgumentException("The array name " + NpyHeader.Quote(name) + " contains NUL or ends with '/', which a zip entry name cannot.", paramName);
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(name);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The array name " + NpyHeader.Quote(name) + " is not valid UTF-16 (unpaired surrogate).", paramName, e);
        }

        if (bytes + 4 > ushort.MaxValue)
        {
            throw new ArgumentException("An array name must be shorter than 65532 UTF-8 bytes.", paramName);
        }
    }
}
