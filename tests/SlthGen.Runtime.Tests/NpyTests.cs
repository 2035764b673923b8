using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using CsCheck;

namespace SlthGen.Tests;

/// <summary>.npy/.npz round trips, determinism, malformed input and argument validation.</summary>
public class NpyTests
{
    private static readonly int[][] Shapes =
    {
        Array.Empty<int>(), new[] { 0 }, new[] { 5 }, new[] { 2, 3 }, new[] { 2, 0, 3 }, new[] { 1, 1, 1, 4 }, new[] { 3, 1, 2, 2 },
    };

    private static readonly Gen<int[]> GenShape = Gen.Int[0, 4].SelectMany(rank => Gen.Int[0, 4].Array[rank]);

    private static readonly Gen<string> GenString =
        Gen.Int[1, 0x10FFFF].Where(c => c < 0xD800 || c > 0xDFFF).Select(char.ConvertFromUtf32).Array[0, 6].Select(a => string.Concat(a));

    private static readonly Gen<NpyArray> GenArray =
        from type in Gen.Enum<NpyDType>()
        from shape in GenShape
        let count = shape.Aggregate(1, (p, d) => p * d)
        from array in ValuesFor(type, shape, count)
        select array;

    private static int Count(int[] shape) => shape.Aggregate(1, (p, d) => p * d);

    private static Gen<NpyArray> ValuesFor(NpyDType type, int[] shape, int count)
    {
        switch (type)
        {
            case NpyDType.Float32:
                return Gen.Float.Array[count].Select(v => NpyArray.FromSingles(shape, v));
            case NpyDType.Float64:
                return Gen.Double.Array[count].Select(v => NpyArray.Create(type, shape, v));
            case NpyDType.Unicode:
                return Gen.Select(GenString.Array[count], Gen.Int[0, 3]).Select(t =>
                    NpyArray.FromStrings(shape, t.Item1, t.Item2 == 0 ? 0 : t.Item1.Select(s => CodePoints(s)).DefaultIfEmpty(0).Max() + t.Item2));
            default:
                var (min, max) = type switch
                {
                    NpyDType.Bool => (0L, 1L),
                    NpyDType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
                    NpyDType.UInt8 => (0L, 255L),
                    NpyDType.Int16 => (short.MinValue, short.MaxValue),
                    NpyDType.Int32 => (int.MinValue, int.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                return Gen.Long[min, max].Array[count].Select(v => NpyArray.Create(type, shape, v));
        }
    }

    private static int CodePoints(string s) => s.Count(c => !char.IsLowSurrogate(c));

    /// <summary>A .npy file with the given header dict, padded as NumPy pads it.</summary>
    private static byte[] Npy(string dict, byte[] data, int major = 1, int minor = 0)
    {
        byte[] text = major == 3 ? Encoding.UTF8.GetBytes(dict) : Encoding.Latin1.GetBytes(dict);
        int prefix = major == 1 ? 10 : 12;
        int hlen = text.Length + 1;
        int pad = 64 - ((prefix + hlen) % 64);
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, (byte)minor };
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)(hlen + pad));
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)(hlen + pad));
        }

        bytes.AddRange(length);
        bytes.AddRange(text);
        bytes.AddRange(Enumerable.Repeat((byte)' ', pad));
        bytes.Add((byte)'\n');
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Int32s(params int[] values)
    {
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 4), values[i]);
        }

        return data;
    }

    private static NpyFormatException Bad(byte[] file, string name = "x") => Assert.Throws<NpyFormatException>(() => NpyReader.Read(file, name));

    private static void AssertMessage(NpyFormatException e, params string[] parts)
    {
        foreach (string part in parts)
        {
            Assert.Contains(part, e.Message, StringComparison.Ordinal);
        }
    }

    // ---- Round trips -------------------------------------------------------------------------

    [Fact]
    public void Every_dtype_and_shape_round_trips()
    {
        foreach (NpyDType type in Enum.GetValues<NpyDType>())
        {
            foreach (int[] shape in Shapes)
            {
                int count = Count(shape);
                NpyArray a = type switch
                {
                    NpyDType.Float32 or NpyDType.Float64 => NpyArray.Create(type, shape, Enumerable.Range(0, count).Select(i => (i * 0.75) - 3).ToArray()),
                    NpyDType.Unicode => NpyArray.FromStrings(shape, Enumerable.Range(0, count).Select(i => new string('q', i % 3) + "\u00e9\U0001F600".Substring(0, i % 2 == 0 ? 1 : 3)).ToArray()),
                    NpyDType.Bool => NpyArray.Create(type, shape, Enumerable.Range(0, count).Select(i => (long)(i % 2)).ToArray()),
                    _ => NpyArray.Create(type, shape, Enumerable.Range(0, count).Select(i => (long)(((i * 37) % 100) - (type == NpyDType.UInt8 ? 0 : 50))).ToArray()),
                };
                byte[] bytes = NpyWriter.ToBytes(a);
                var back = NpyReader.Read(bytes);
                Assert.True(a.ContentEquals(back), $"{type} {string.Join("x", shape)}");
                Assert.Equal(shape, back.Shape);
                Assert.Equal(type, back.DType);
                Assert.Equal(bytes, NpyWriter.ToBytes(back));
                Assert.Equal(0, (bytes.Length - (a.Length * a.ItemSize)) % 64);
                foreach (var version in new[] { NpyFormatVersion.Version1, NpyFormatVersion.Version2, NpyFormatVersion.Version3 })
                {
                    byte[] v = NpyWriter.ToBytes(a, version);
                    Assert.Equal((byte)version, v[6]);
                    Assert.Equal(0, (v.Length - (a.Length * a.ItemSize)) % 64);
                    Assert.True(a.ContentEquals(NpyReader.Read(v)));
                }
            }
        }
    }

    [Fact]
    public void Random_arrays_round_trip_through_npy()
    {
        GenArray.Sample(a =>
        {
            byte[] bytes = NpyWriter.ToBytes(a);
            var back = NpyReader.Read(bytes);
            Assert.True(a.ContentEquals(back));
            Assert.Equal(bytes, NpyWriter.ToBytes(back));
            switch (a.DType)
            {
                case NpyDType.Unicode:
                    Assert.Equal(a.ToStringArray(), back.ToStringArray());
                    break;
                case NpyDType.Float32 or NpyDType.Float64:
                    Assert.Equal(a.ToDoubleArray().Select(BitConverter.DoubleToInt64Bits), back.ToDoubleArray().Select(BitConverter.DoubleToInt64Bits));
                    break;
                default:
                    Assert.Equal(a.ToInt64Array(), back.ToInt64Array());
                    break;
            }
        });
    }

    [Fact]
    public void Random_archives_round_trip_and_are_byte_identical()
    {
        GenArray.Array[0, 5].Sample(arrays =>
        {
            var pairs = arrays.Select((a, i) => new KeyValuePair<string, NpyArray>("a" + i.ToString(CultureInfo.InvariantCulture), a)).ToArray();
            foreach (bool compress in new[] { false, true })
            {
                byte[] bytes = new NpzArchive(pairs).ToBytes(compress);
                Assert.Equal(bytes, new NpzArchive(pairs).ToBytes(compress));
                var back = NpzArchive.Read(bytes);
                Assert.Equal(pairs.Select(p => p.Key), back.Names);
                Assert.All(pairs, p => Assert.True(p.Value.ContentEquals(back[p.Key])));
                Assert.Equal(bytes, back.ToBytes(compress));
            }
        });
    }

    [Fact]
    public void Strings_round_trip_exactly()
    {
        GenString.Array[1, 6].Sample(values =>
        {
            var a = NpyArray.FromStrings(new[] { values.Length }, values);
            Assert.Equal(values, NpyReader.Read(NpyWriter.ToBytes(a)).ToStringArray());
            Assert.Equal(Math.Max(1, values.Max(CodePoints)), a.StringLength);
        });
    }

    [Fact]
    public void Archives_keep_insertion_order_and_write_identical_bytes()
    {
        var w = NpyArray.Create(NpyDType.Int8, new[] { 2, 2 }, new long[] { 1, -1, 2, -2 });
        var m = NpyArray.FromBooleans(new[] { 4 }, new[] { true, false, false, true });
        var meta = NpyArray.Scalar("{\"ticket\": 1}");
        var first = new NpzArchive(new[] { KeyValuePair.Create("z_weights", w), KeyValuePair.Create("a_mask", m), KeyValuePair.Create("meta", meta) });
        var second = new NpzArchive(Array.Empty<KeyValuePair<string, NpyArray>>()).With("z_weights", w).With("a_mask", m).With("meta", NpyArray.Scalar("old")).With("meta", meta);
        Assert.Equal(new[] { "z_weights", "a_mask", "meta" }, first.Names);
        Assert.Equal(first.Names, second.Names);
        Assert.Equal(first.ToBytes(), second.ToBytes());
        Assert.Equal(first.ToBytes(compress: true), second.ToBytes(compress: true));

        // Stored entries: fixed timestamps and fields, so these bytes are the same on every platform.
        byte[] bytes = first.ToBytes();
        Assert.Equal(0x04034b50u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal((ushort)0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8))); // stored
        Assert.Equal((ushort)0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(10))); // 00:00:00
        Assert.Equal((ushort)0x21, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(12))); // 1980-01-01
        Assert.Equal("z_weights.npy", Encoding.ASCII.GetString(bytes, 30, 13));

        // Also readable by the BCL zip reader, entries in order, with their .npy bytes.
        using var zip = new ZipArchive(new MemoryStream(first.ToBytes(compress: true)), ZipArchiveMode.Read);
        Assert.Equal(new[] { "z_weights.npy", "a_mask.npy", "meta.npy" }, zip.Entries.Select(e => e.FullName));
        using var entry = zip.Entries[0].Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        Assert.Equal(NpyWriter.ToBytes(w), copy.ToArray());
    }

    [Fact]
    public void Compressed_archives_are_smaller_for_redundant_data()
    {
        var zeros = NpyArray.Create(NpyDType.Int32, new[] { 100, 100 }, new long[10000]);
        var archive = new NpzArchive(new[] { KeyValuePair.Create("zeros", zeros) });
        Assert.True(archive.ToBytes(compress: true).Length * 10 < archive.ToBytes().Length);
        Assert.True(NpzArchive.Read(archive.ToBytes(compress: true))["zeros"].ContentEquals(zeros));
    }

    [Fact]
    public void Files_round_trip()
    {
        string dir = Path.Combine(Path.GetTempPath(), "slthgen-npy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var a = NpyArray.Create(NpyDType.Int16, new[] { 3 }, new long[] { 1, 2, 3 });
            NpyWriter.WriteFile(Path.Combine(dir, "w.npy"), a);
            var back = NpyReader.ReadFile(Path.Combine(dir, "w.npy"));
            Assert.True(a.ContentEquals(back));
            Assert.Equal("w", back.Name);

            var archive = new NpzArchive(new[] { KeyValuePair.Create("w", a) });
            archive.WriteFile(Path.Combine(dir, "t.npz"), compress: true);
            Assert.True(NpzArchive.ReadFile(Path.Combine(dir, "t.npz"))["w"].ContentEquals(a));

            using (var stream = File.Create(Path.Combine(dir, "s.npy")))
            {
                NpyWriter.Write(stream, a);
                NpyWriter.Write(stream, NpyArray.Scalar(2.5));
            }

            using (var stream = File.OpenRead(Path.Combine(dir, "s.npy")))
            {
                Assert.True(a.ContentEquals(NpyReader.Read(stream)));
                Assert.Equal(2.5, NpyReader.Read(stream).GetDouble(0));
            }

            var trailing = Assert.Throws<NpyFormatException>(() => NpyReader.ReadFile(Path.Combine(dir, "s.npy")));
            AssertMessage(trailing, "shape/size mismatch");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Archives_read_from_non_seekable_streams_and_zips_with_data_descriptors()
    {
        var a = NpyArray.Create(NpyDType.Int32, new[] { 2 }, new long[] { 7, -7 });

        // The BCL writer uses data descriptors (flag bit 3) on a non-seekable stream.
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(new ForwardOnlyStream(buffer), ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("a.npy", CompressionLevel.Optimal).Open();
            NpyWriter.Write(s, a);
        }

        Assert.True(NpzArchive.Read(buffer.ToArray())["a"].ContentEquals(a));
        Assert.True(NpzArchive.Read(new ForwardOnlyStream(new MemoryStream(buffer.ToArray())))["a"].ContentEquals(a));
    }

    [Fact]
    public void Auto_version_switches_to_2_0_for_huge_headers()
    {
        var shape = Enumerable.Repeat(1, 23000).ToArray();
        var a = NpyArray.Create(NpyDType.Int8, shape, new long[] { 5 });
        byte[] bytes = NpyWriter.ToBytes(a);
        Assert.Equal(2, bytes[6]);
        Assert.True(a.ContentEquals(NpyReader.Read(bytes)));
        Assert.Equal("version", Assert.Throws<ArgumentException>(() => NpyWriter.ToBytes(a, NpyFormatVersion.Version1)).ParamName);
    }

    // ---- Malformed .npy -----------------------------------------------------------------------

    [Fact]
    public void Bad_magic()
    {
        AssertMessage(Bad(Encoding.ASCII.GetBytes("hello world, not numpy")), "Array 'x': bad magic", "68 65 6C 6C 6F 20", "93 4E 55 4D 50 59");
        AssertMessage(Bad(new byte[] { 0x50, 0x4B, 3, 4, 20, 0, 0, 0 }), "bad magic", "NpzArchive");
        AssertMessage(Bad(Array.Empty<byte>()), "empty input");
        AssertMessage(Bad(new byte[] { 0x93, (byte)'N', (byte)'U' }), "truncated", "magic string");
    }

    [Fact]
    public void Unsupported_versions()
    {
        AssertMessage(Bad(Npy("{}", Array.Empty<byte>(), major: 4)), "unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)");
        AssertMessage(Bad(Npy("{}", Array.Empty<byte>(), major: 1, minor: 1)), "unsupported .npy format version 1.1");
        AssertMessage(Bad(Npy("{}", Array.Empty<byte>(), major: 0)), "version 0.0");
    }

    [Fact]
    public void Truncated_files()
    {
        byte[] good = Npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", Int32s(1, 2, 3, 4, 5, 6));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, NpyReader.Read(good).ToInt64Array());
        AssertMessage(Bad(good[..^1]), "Array 'x': data truncated: shape (2, 3) of '<i4' needs 24 bytes but only 23 follow the header.");
        AssertMessage(Bad(good[..70]), "truncated: the header is 118 bytes but only 60 follow.");
        AssertMessage(Bad(good[..9]), "truncated: the input ends inside the header length.");
        AssertMessage(Bad(good[..7]), "truncated: the input ends before the format version.");

        // Through a non-seekable stream the data is read first, then found short.
        var e = Assert.Throws<NpyFormatException>(() => NpyReader.Read(new ForwardOnlyStream(new MemoryStream(good[..^5])), "w"));
        Assert.Equal("w", e.ArrayName);
        AssertMessage(e, "needs 24 bytes but only 19");
    }

    [Fact]
    public void Trailing_data_is_a_size_mismatch()
    {
        byte[] file = Npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", Int32s(1, 2, 3));
        AssertMessage(Bad(file), "shape/size mismatch: shape (2,) of '<i4' needs 8 bytes of data but 12 follow the header.");
    }

    [Theory]
    [InlineData("[1, 2]", "the header is not a dict")]
    [InlineData("{'descr': '<i4', 'shape': (2,), }", "the keys are ['descr', 'shape'], expected exactly 'descr', 'fortran_order' and 'shape'")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "expected exactly")]
    [InlineData("{'descr': '<i4', 'descr': '<i4', 'fortran_order': False, 'shape': (2,)}", "the key 'descr' appears twice")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2, -1), }", "'shape' is not a tuple of non-negative integers")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2), }", "'shape' is not a tuple")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': [2], }", "'shape' is not a tuple")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2.0,), }", "expected an integer")]
    [InlineData("{'descr': '<i4', 'fortran_order': 'no', 'shape': (2,), }", "'fortran_order' is not True or False")]
    [InlineData("{'descr': 4, 'fortran_order': False, 'shape': (2,), }", "'descr' is not a string")]
    [InlineData("{'descr': '<i4, 'fortran_order': False, 'shape': (2,), }", "expected '}' but found 'f' at offset 17")]
    [InlineData("{'descr' '<i4', 'fortran_order': False, 'shape': (2,), }", "expected ':' but found '\\'' at offset 9")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), } x", "unexpected text after the dict")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2,)", "expected '}' but the header ended")]
    [InlineData("{'descr': '<i4', 'fortran_order': false, 'shape': (2,), }", "unexpected name 'false'")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (99999999999999999999,), }", "is too large")]
    [InlineData("", "unexpected end of the header")]
    public void Malformed_headers_say_what_is_wrong(string dict, string message)
    {
        var e = Bad(Npy(dict, Int32s(1, 2)));
        Assert.Equal("x", e.ArrayName);
        AssertMessage(e, "Array 'x': malformed header: ", message, "Header text: ");
    }

    [Fact]
    public void Header_length_is_bounded()
    {
        byte[] file = Npy("{}", Array.Empty<byte>(), major: 2);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 0xFFFFFFF0);
        AssertMessage(Bad(file), "malformed header: its length field says 4294967280 bytes, more than the limit of 1048576.");
    }

    [Fact]
    public void Version_3_headers_must_be_utf8()
    {
        byte[] file = Npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", Int32s(1), major: 3);
        Assert.Equal(1, NpyReader.Read(file).GetInt64(0));
        file[15] = 0xFF;
        AssertMessage(Bad(file), "a version 3.0 header must be UTF-8");
    }

    [Theory]
    [InlineData("<u4", "a.astype(np.int64)")]
    [InlineData("<u8", "a.astype(np.int64)")]
    [InlineData("<f2", "a.astype(np.float32)")]
    [InlineData("<c16", "Supported: |b1 (bool)")]
    [InlineData("|O", "Supported:")]
    [InlineData("|S5", "a.astype(str)")]
    [InlineData("<U0", "zero-length")]
    [InlineData("|i4", "'<' or '>'")]
    [InlineData("<M8[ns]", "Supported:")]
    [InlineData("", "Supported:")]
    public void Unsupported_dtypes_are_named_with_a_hint(string descr, string hint)
    {
        var e = Bad(Npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (0,), }", Array.Empty<byte>()));
        AssertMessage(e, "Array 'x': unsupported dtype '" + descr + "'. Supported: ", hint);
    }

    [Fact]
    public void Structured_dtypes_are_unsupported()
    {
        var e = Bad(Npy("{'descr': [('a', '<i4'), ('b', '<f8')], 'fortran_order': False, 'shape': (0,), }", Array.Empty<byte>()));
        AssertMessage(e, "unsupported dtype: structured (record) dtypes are not supported");
    }

    [Fact]
    public void Header_variants_numpy_accepts()
    {
        // Python 2 long suffixes, double quotes, key order, no trailing comma, no byte order, '?'.
        Assert.Equal(new[] { 2, 1 }, NpyReader.Read(Npy("{\"shape\": (2L, 1L), \"fortran_order\": False, \"descr\": \"<i4\"}", Int32s(1, 2))).Shape);
        Assert.Equal(new long[] { 1, 0, 1 }, NpyReader.Read(Npy("{'descr': '?', 'fortran_order': False, 'shape': (3,)}", new byte[] { 1, 0, 2 })).ToInt64Array());
        Assert.Equal(new long[] { 9 }, NpyReader.Read(Npy("{'descr': 'i4', 'fortran_order': False, 'shape': (1,)}", Int32s(9))).ToInt64Array());

        // Fortran order is harmless when at most one dimension exceeds 1: the layouts coincide.
        Assert.Equal(new long[] { 1, 2, 3 }, NpyReader.Read(Npy("{'descr': '<i4', 'fortran_order': True, 'shape': (3, 1), }", Int32s(1, 2, 3))).ToInt64Array());
        AssertMessage(Bad(Npy("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 2), }", Int32s(1, 2, 3, 4))), "Fortran", "np.ascontiguousarray(a)");
    }

    [Fact]
    public void Big_endian_unicode_and_invalid_code_points()
    {
        byte[] data = { 0, 0, 0, (byte)'h', 0, 0, 0, (byte)'i', 0, 1, 0xF6, 0x00, 0, 0, 0, 0 };
        Assert.Equal(new[] { "hi", "\U0001F600" }, NpyReader.Read(Npy("{'descr': '>U2', 'fortran_order': False, 'shape': (2,), }", data)).ToStringArray());
        AssertMessage(Bad(Npy("{'descr': '<U1', 'fortran_order': False, 'shape': (1,), }", Int32s(0x110000))), "element 0 holds 0x00110000, which is not a Unicode code point");
    }

    [Fact]
    public void Shapes_too_large_are_rejected_before_allocating()
    {
        AssertMessage(Bad(Npy("{'descr': '<i8', 'fortran_order': False, 'shape': (100000, 100000), }", Array.Empty<byte>())), "needs more than 2 GiB");
        AssertMessage(Bad(Npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3000000000, 0), }", Array.Empty<byte>())), "dimension too large");
    }

    // ---- Malformed .npz -----------------------------------------------------------------------

    private static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(data);
            }
        }

        return buffer.ToArray();
    }

    private static NpyFormatException BadNpz(byte[] archive) => Assert.Throws<NpyFormatException>(() => NpzArchive.Read(archive));

    [Fact]
    public void Not_a_zip()
    {
        var e = BadNpz(Encoding.ASCII.GetBytes("this is certainly not a zip archive at all"));
        AssertMessage(e, "Not a .npz (zip) archive: no end-of-central-directory record found.");
        Assert.Null(e.ArrayName);
        AssertMessage(BadNpz(new byte[] { 1, 2, 3 }), "Not a .npz (zip) archive: 3 bytes are too few");

        byte[] good = new NpzArchive(new[] { KeyValuePair.Create("w", NpyArray.Scalar(1)) }).ToBytes();
        AssertMessage(BadNpz(good[..^10]), "Not a .npz (zip) archive");
    }

    [Fact]
    public void Entries_that_are_not_arrays_are_named()
    {
        var e = BadNpz(Zip(("w.npy", NpyWriter.ToBytes(NpyArray.Scalar(1))), ("readme.txt", Encoding.ASCII.GetBytes("hi"))));
        Assert.Equal("readme.txt", e.ArrayName);
        AssertMessage(e, "Entry 'readme.txt' of the .npz archive is not a .npy array");
    }

    [Fact]
    public void Malformed_entries_name_the_array()
    {
        byte[] npy = NpyWriter.ToBytes(NpyArray.Create(NpyDType.Int32, new[] { 3 }, new long[] { 1, 2, 3 }));
        var e = BadNpz(Zip(("ok.npy", npy), ("w2.npy", npy[..^2])));
        Assert.Equal("w2", e.ArrayName);
        AssertMessage(e, "Array 'w2': data truncated");

        var m = BadNpz(Zip(("w3.npy", Encoding.ASCII.GetBytes("garbage!"))));
        Assert.Equal("w3", m.ArrayName);
        AssertMessage(m, "Array 'w3': bad magic");
    }

    [Fact]
    public void Corrupt_entries_fail_their_crc()
    {
        byte[] archive = new NpzArchive(new[] { KeyValuePair.Create("w", NpyArray.Create(NpyDType.Int32, new[] { 3 }, new long[] { 1, 2, 3 })) }).ToBytes();
        archive[30 + 5 + 128 + 1] ^= 0x40; // a data byte of the stored entry
        var e = BadNpz(archive);
        Assert.Equal("w", e.ArrayName);
        AssertMessage(e, "Entry 'w.npy' of the .npz archive is corrupt: CRC-32 is 0x");
    }

    [Fact]
    public void Corrupt_deflate_data_is_reported()
    {
        byte[] archive = new NpzArchive(new[] { KeyValuePair.Create("w", NpyArray.Create(NpyDType.Int32, new[] { 64 }, new long[64])) }).ToBytes(compress: true);
        for (int i = 30 + 5; i < 30 + 5 + 12; i++)
        {
            archive[i] = 0xFF;
        }

        var e = BadNpz(archive);
        Assert.Equal("w", e.ArrayName);
        AssertMessage(e, "Entry 'w.npy' of the .npz archive is corrupt");
    }

    [Fact]
    public void Unsupported_compression_methods_are_named()
    {
        byte[] archive = new NpzArchive(new[] { KeyValuePair.Create("w", NpyArray.Scalar(1)) }).ToBytes();
        int central = archive.Length - 22 - 46 - 5;
        Assert.Equal(0x02014b50u, BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan(central)));
        BinaryPrimitives.WriteUInt16LittleEndian(archive.AsSpan(central + 10), 14);
        AssertMessage(BadNpz(archive), "Entry 'w.npy' of the .npz archive uses compression method 14; only stored (0) and deflated (8) entries are supported.");
    }

    [Fact]
    public void Duplicate_entries_are_rejected()
    {
        byte[] npy = NpyWriter.ToBytes(NpyArray.Scalar(1));
        AssertMessage(BadNpz(Zip(("w.npy", npy), ("w.npy", npy))), "Entry 'w.npy' of the .npz archive appears twice");
    }

    [Fact]
    public void Empty_archives_round_trip()
    {
        var empty = new NpzArchive(Array.Empty<KeyValuePair<string, NpyArray>>());
        Assert.Equal(22, empty.ToBytes().Length);
        Assert.Equal(0, NpzArchive.Read(empty.ToBytes()).Count);
        var e = Assert.Throws<NpyFormatException>(() => empty["w"]);
        AssertMessage(e, "it has no arrays");
    }

    // ---- Accessors and argument validation ----------------------------------------------------

    [Fact]
    public void Accessors_check_the_dtype()
    {
        var s = NpyArray.FromStrings(new[] { 1 }, new[] { "x" }).WithName("meta");
        var e = Assert.Throws<NpyFormatException>(() => s.ToInt64Array());
        Assert.Equal("meta", e.ArrayName);
        AssertMessage(e, "Array 'meta': has dtype unicode (<U1) but an integer array is required.");
        Assert.Throws<NpyFormatException>(() => s.ToDoubleArray());
        AssertMessage(Assert.Throws<NpyFormatException>(() => NpyArray.Scalar(3).ToStringArray()), "has dtype int64 (<i8) but a unicode string array");
        AssertMessage(Assert.Throws<NpyFormatException>(() => NpyArray.Create(NpyDType.Int8, new[] { 2 }, new long[] { 1, 2 }).ToBooleanArray()), "element 1 is 2; a mask must hold only 0 and 1.");
        Assert.Equal(new[] { true, false }, NpyArray.Create(NpyDType.Int32, new[] { 2 }, new long[] { 1, 0 }).ToBooleanArray());
        AssertMessage(Assert.Throws<NpyFormatException>(() => NpyArray.Scalar(0.5).ToBooleanArray()), "a bool mask is required");
        Assert.Equal(new[] { 1.0, -2.0 }, NpyArray.Create(NpyDType.Int16, new[] { 2 }, new long[] { 1, -2 }).ToDoubleArray());
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => NpyArray.Scalar(1).GetInt64(1)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => NpyArray.Scalar("a").GetString(-1)).ParamName);
        Assert.Equal("NpyArray 'meta' <U1 (1,)", s.ToString());
        Assert.Equal(new[] { 1 }, s.GetShape());
    }

    [Fact]
    public void Creation_validates_its_arguments()
    {
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Int8, new[] { 2, 2 }, new long[] { 1, 2, 3 })).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Int8, new[] { -1 }, Array.Empty<long>())).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Int64, new[] { 1 << 20, 1 << 20 }, Array.Empty<long>())).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Int8, new[] { 1 }, new long[] { 128 })).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.UInt8, new[] { 1 }, new long[] { -1 })).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Bool, new[] { 1 }, new long[] { 2 })).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Float32, new[] { 1 }, new[] { 0.1 })).ParamName);
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Float64, new[] { 1 }, new long[] { 1 })).ParamName);
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Int32, new[] { 1 }, new[] { 1.0 })).ParamName);
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Unicode, new[] { 1 }, new long[] { 1 })).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.FromStrings(new[] { 1 }, new[] { "abc" }, stringLength: 2)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.FromStrings(new[] { 1 }, new[] { "a\0" })).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.FromStrings(new[] { 1 }, new[] { "\ud800" })).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => NpyArray.FromStrings(new[] { 1 }, new string[] { null! })).ParamName);
        Assert.Equal("stringLength", Assert.Throws<ArgumentOutOfRangeException>(() => NpyArray.FromStrings(new[] { 1 }, new[] { "a" }, -1)).ParamName);
        Assert.True(double.IsNaN(NpyArray.Create(NpyDType.Float32, ReadOnlySpan<int>.Empty, new[] { double.NaN }).GetDouble(0)));
        Assert.Equal(4, NpyArray.FromStrings(new[] { 1 }, new[] { "ab" }, stringLength: 4).StringLength);
    }

    [Fact]
    public void Archive_and_io_arguments_are_validated()
    {
        var a = NpyArray.Scalar(1);
        Assert.Equal("arrays", Assert.Throws<ArgumentException>(() => new NpzArchive(new[] { KeyValuePair.Create("w", a), KeyValuePair.Create("w", a) })).ParamName);
        Assert.Equal("arrays", Assert.Throws<ArgumentException>(() => new NpzArchive(new[] { KeyValuePair.Create(string.Empty, a) })).ParamName);
        Assert.Equal("arrays", Assert.Throws<ArgumentException>(() => new NpzArchive(new[] { KeyValuePair.Create("dir/", a) })).ParamName);
        Assert.Equal("arrays", Assert.Throws<ArgumentException>(() => new NpzArchive(new[] { KeyValuePair.Create("w", (NpyArray)null!) })).ParamName);
        Assert.Equal("arrays", Assert.Throws<ArgumentNullException>(() => new NpzArchive(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new NpzArchive(Array.Empty<KeyValuePair<string, NpyArray>>()).With("a\0b", a)).ParamName);
        Assert.Equal("array", Assert.Throws<ArgumentNullException>(() => new NpzArchive(Array.Empty<KeyValuePair<string, NpyArray>>()).With("a", null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => NpyReader.Read((Stream)null!)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => NpyReader.Read((byte[])null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => NpyReader.ReadFile(string.Empty)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => NpzArchive.Read((Stream)null!)).ParamName);
        Assert.Equal("array", Assert.Throws<ArgumentNullException>(() => NpyWriter.ToBytes(null!)).ParamName);
        Assert.Equal("version", Assert.Throws<ArgumentOutOfRangeException>(() => NpyWriter.ToBytes(a, (NpyFormatVersion)7)).ParamName);

        var archive = new NpzArchive(new[] { KeyValuePair.Create("w", a) });
        Assert.True(archive.Contains("w"));
        Assert.False(archive.Contains("v"));
        Assert.True(archive.TryGet("w", out var found) && found.ContentEquals(a));
        Assert.False(archive.TryGet("v", out _));
        Assert.Equal("w", archive.Single().Key);
    }

    [Fact]
    public void Messages_use_the_invariant_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ar-SA");
            byte[] data = new byte[20000];
            var e = Bad(Npy("{'descr': '<i4', 'fortran_order': False, 'shape': (6000,), }", data));
            AssertMessage(e, "needs 24000 bytes but only 20000 follow");
            var v = Assert.Throws<ArgumentException>(() => NpyArray.Create(NpyDType.Float32, new[] { 1 }, new[] { 0.1 }));
            AssertMessage(new NpyFormatException(v.Message), "values[0] = 0.1 is not exactly representable");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>A read/write stream that cannot seek or report its length.</summary>
    private sealed class ForwardOnlyStream : Stream
    {
        private readonly Stream _inner;

        public ForwardOnlyStream(Stream inner) => _inner = inner;

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => _inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
    }
}
