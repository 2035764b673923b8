using System;
using System.IO;
using System.Linq;

namespace SlthGen.Tests;

/// <summary>
/// Reading files written by real NumPy (Fixtures/npy, made by Fixtures/npy/make_fixtures.py with
/// NumPy 1.24.2), and writing them back byte for byte.
/// </summary>
public class NpyFixtureTests
{
    private static readonly float[] Float32Values = { 0.1f, -2.5f, 1e-8f, 3.4028235e38f, -0.0f, 1.0f };

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "npy", name);

    private static NpyArray Load(string name) => NpyReader.ReadFile(Fixture(name + ".npy"));

    [Fact]
    public void Int8_2d()
    {
        var a = Load("int8_2d");
        Assert.Equal(NpyDType.Int8, a.DType);
        Assert.Equal("|i1", a.Descr);
        Assert.Equal(new[] { 2, 3 }, a.Shape);
        Assert.Equal(new long[] { -128, -1, 0, 1, 64, 127 }, a.ToInt64Array());
        Assert.Equal("int8_2d", a.Name);
    }

    [Fact]
    public void Int16_2d()
    {
        var a = Load("int16_2d");
        Assert.Equal(NpyDType.Int16, a.DType);
        Assert.Equal(new[] { 2, 4 }, a.Shape);
        Assert.Equal(new long[] { -32768, -2, 0, 2, 300, -300, 12345, 32767 }, a.ToInt64Array());
    }

    [Fact]
    public void Int32_2d()
    {
        var a = Load("int32_2d");
        Assert.Equal(NpyDType.Int32, a.DType);
        Assert.Equal(new[] { 3, 4 }, a.Shape);
        var expected = Enumerable.Range(0, 12).Select(i => (long)((i * 1000003) - 5000000)).ToArray();
        expected[0] = int.MinValue;
        expected[11] = int.MaxValue;
        Assert.Equal(expected, a.ToInt64Array());
        Assert.Equal(expected.Select(v => (double)v), a.ToDoubleArray());
    }

    [Fact]
    public void Int64_and_uint8_1d()
    {
        Assert.Equal(new[] { long.MinValue, -1, 0, 1, long.MaxValue }, Load("int64_1d").ToInt64Array());
        var u = Load("uint8_1d");
        Assert.Equal(NpyDType.UInt8, u.DType);
        Assert.Equal(new[] { 5 }, u.Shape);
        Assert.Equal(new long[] { 0, 1, 127, 128, 255 }, u.ToInt64Array());
    }

    [Fact]
    public void Big_endian_arrays_are_read_and_become_little_endian()
    {
        var a = Load("int32_be");
        Assert.Equal(NpyDType.Int32, a.DType);
        Assert.Equal("<i4", a.Descr);
        Assert.Equal(new long[] { 1, -2, 70000, -70000 }, a.ToInt64Array());
        Assert.Equal(new[] { 0.1, -1.5 }, Load("float64_be").ToDoubleArray());
    }

    [Fact]
    public void Float32_2d()
    {
        var a = Load("float32_2d");
        Assert.Equal(NpyDType.Float32, a.DType);
        Assert.Equal(new[] { 2, 3 }, a.Shape);
        var values = a.ToDoubleArray();
        Assert.Equal(Float32Values.Select(f => (double)f), values);
        Assert.True(double.IsNegative(values[4]));
    }

    [Fact]
    public void Float_arrays_requested_as_integers_say_how_to_quantise()
    {
        var e = Assert.Throws<NpyFormatException>(() => Load("float32_2d").ToInt64Array());
        Assert.Equal("float32_2d", e.ArrayName);
        Assert.Contains("'float32_2d'", e.Message, StringComparison.Ordinal);
        Assert.Contains("float32 (<f4)", e.Message, StringComparison.Ordinal);
        Assert.Contains("np.round(w * 2**TargetBits).astype(np.int32)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float64_special_values()
    {
        var v = Load("float64_1d").ToDoubleArray();
        Assert.Equal(0.1, v[0]);
        Assert.Equal(-1.5, v[1]);
        Assert.Equal(double.PositiveInfinity, v[2]);
        Assert.Equal(double.NegativeInfinity, v[3]);
        Assert.True(double.IsNaN(v[4]));
        Assert.Equal(double.Epsilon, v[5]);
    }

    [Fact]
    public void Fortran_order_is_rejected_with_the_fix()
    {
        var e = Assert.Throws<NpyFormatException>(() => Load("fortran_int32"));
        Assert.Equal("fortran_int32", e.ArrayName);
        Assert.Contains("Fortran", e.Message, StringComparison.Ordinal);
        Assert.Contains("np.ascontiguousarray", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bool_2d()
    {
        var a = Load("bool_2d");
        Assert.Equal(NpyDType.Bool, a.DType);
        Assert.Equal(new[] { true, false, true, false, false, true }, a.ToBooleanArray());
        Assert.Equal(new long[] { 1, 0, 1, 0, 0, 1 }, a.ToInt64Array());
    }

    [Fact]
    public void Unicode_scalar_with_non_bmp_characters()
    {
        var a = Load("unicode_scalar");
        Assert.Equal(0, a.Rank);
        Assert.Equal(1, a.Length);
        Assert.Equal("<U17", a.Descr);
        Assert.Equal("ticket \u03b4=2^-4 \U0001d6ff \u2713", a.GetString(0));
    }

    [Fact]
    public void Unicode_1d_strips_padding()
    {
        var a = Load("unicode_1d");
        Assert.Equal(3, a.StringLength);
        Assert.Equal(new[] { "a", "bc", string.Empty, "\u00fcn\u00ef" }, a.ToStringArray());
    }

    [Fact]
    public void Scalar_and_empty_arrays()
    {
        var s = Load("scalar_int64");
        Assert.Empty(s.Shape);
        Assert.Equal(42, s.GetInt64(0));
        var e = Load("empty_2d");
        Assert.Equal(new[] { 2, 0 }, e.Shape);
        Assert.Equal(0, e.Length);
        Assert.Empty(e.ToInt64Array());
    }

    [Theory]
    [InlineData("float16_1d", "'<f2'", "a.astype(np.float32)")]
    [InlineData("uint32_1d", "'<u4'", "a.astype(np.int64)")]
    public void Unsupported_dtypes_are_named(string name, string descr, string hint)
    {
        var e = Assert.Throws<NpyFormatException>(() => Load(name));
        Assert.Equal(name, e.ArrayName);
        Assert.Contains("unsupported dtype " + descr, e.Message, StringComparison.Ordinal);
        Assert.Contains(hint, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int16_2d_v2", NpyFormatVersion.Version2)]
    [InlineData("int16_2d_v3", NpyFormatVersion.Version3)]
    public void Format_versions_2_and_3(string name, NpyFormatVersion version)
    {
        var a = Load(name);
        Assert.True(a.ContentEquals(Load("int16_2d")));
        Assert.Equal(File.ReadAllBytes(Fixture(name + ".npy")), NpyWriter.ToBytes(a, version));
    }

    [Fact]
    public void Consecutive_arrays_in_one_stream()
    {
        using var stream = File.OpenRead(Fixture("two_arrays.npy"));
        var first = NpyReader.Read(stream, "first");
        var second = NpyReader.Read(stream);
        Assert.True(first.ContentEquals(Load("int8_2d")));
        Assert.True(second.ContentEquals(Load("unicode_1d")));
        Assert.Equal(stream.Length, stream.Position);
        Assert.Throws<NpyFormatException>(() => NpyReader.Read(stream));
    }

    [Theory]
    [InlineData("int8_2d")]
    [InlineData("int16_2d")]
    [InlineData("int32_2d")]
    [InlineData("int64_1d")]
    [InlineData("uint8_1d")]
    [InlineData("float32_2d")]
    [InlineData("float64_1d")]
    [InlineData("bool_2d")]
    [InlineData("unicode_scalar")]
    [InlineData("unicode_1d")]
    [InlineData("scalar_int64")]
    [InlineData("empty_2d")]
    public void Writing_reproduces_numpy_byte_for_byte(string name)
    {
        Assert.Equal(File.ReadAllBytes(Fixture(name + ".npy")), NpyWriter.ToBytes(Load(name)));
    }

    [Fact]
    public void Arrays_built_in_code_match_numpy_files()
    {
        void Same(string name, NpyArray built) => Assert.Equal(File.ReadAllBytes(Fixture(name + ".npy")), NpyWriter.ToBytes(built));

        Same("int8_2d", NpyArray.Create(NpyDType.Int8, new[] { 2, 3 }, new long[] { -128, -1, 0, 1, 64, 127 }));
        Same("uint8_1d", NpyArray.Create(NpyDType.UInt8, new[] { 5 }, new long[] { 0, 1, 127, 128, 255 }));
        Same("int64_1d", NpyArray.Create(NpyDType.Int64, new[] { 5 }, new[] { long.MinValue, -1, 0, 1, long.MaxValue }));
        Same("float32_2d", NpyArray.FromSingles(new[] { 2, 3 }, Float32Values));
        Same("float32_2d", NpyArray.Create(NpyDType.Float32, new[] { 2, 3 }, Float32Values.Select(f => (double)f).ToArray()));
        Same("bool_2d", NpyArray.FromBooleans(new[] { 2, 3 }, new[] { true, false, true, false, false, true }));
        Same("unicode_scalar", NpyArray.Scalar("ticket \u03b4=2^-4 \U0001d6ff \u2713"));
        Same("unicode_1d", NpyArray.FromStrings(new[] { 4 }, new[] { "a", "bc", string.Empty, "\u00fcn\u00ef" }));
        Same("scalar_int64", NpyArray.Scalar(42));
        Same("empty_2d", NpyArray.Create(NpyDType.Int16, new[] { 2, 0 }, ReadOnlySpan<long>.Empty));
    }

    [Theory]
    [InlineData("arrays.npz")]
    [InlineData("arrays_compressed.npz")]
    public void Npz_archives_from_numpy(string file)
    {
        var archive = NpzArchive.ReadFile(Fixture(file));
        Assert.Equal(new[] { "w1", "mask", "meta", "scale", "b1" }, archive.Names);
        Assert.Equal(5, archive.Count);
        Assert.True(archive["w1"].ContentEquals(Load("int8_2d")));
        Assert.True(archive["mask"].ContentEquals(Load("bool_2d")));
        Assert.True(archive["meta"].ContentEquals(Load("unicode_scalar")));
        Assert.True(archive["scale"].ContentEquals(Load("float32_2d")));
        Assert.True(archive["b1"].ContentEquals(Load("int32_2d")));
        Assert.Equal("w1", archive["w1"].Name);

        var e = Assert.Throws<NpyFormatException>(() => archive.Get("w2"));
        Assert.Equal("w2", e.ArrayName);
        Assert.Contains("no array 'w2'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'w1', 'mask', 'meta', 'scale', 'b1'", e.Message, StringComparison.Ordinal);

        var q = Assert.Throws<NpyFormatException>(() => archive["scale"].ToInt64Array());
        Assert.Equal("scale", q.ArrayName);
        Assert.Contains("np.round(w * 2**TargetBits).astype(np.int32)", q.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npz_rewrites_are_deterministic_and_readable()
    {
        var archive = NpzArchive.ReadFile(Fixture("arrays_compressed.npz"));
        foreach (bool compress in new[] { false, true })
        {
            byte[] bytes = archive.ToBytes(compress);
            Assert.Equal(bytes, NpzArchive.ReadFile(Fixture("arrays.npz")).ToBytes(compress));
            var back = NpzArchive.Read(bytes);
            Assert.Equal(archive.Names, back.Names);
            Assert.All(archive.Names, n => Assert.True(archive[n].ContentEquals(back[n])));
        }
    }

    [Fact]
    public void Npy_files_are_not_npz_archives()
    {
        var e = Assert.Throws<NpyFormatException>(() => NpzArchive.ReadFile(Fixture("int8_2d.npy")));
        Assert.Contains("Not a .npz (zip) archive", e.Message, StringComparison.Ordinal);
        Assert.Contains("read it with NpyReader", e.Message, StringComparison.Ordinal);

        var m = Assert.Throws<NpyFormatException>(() => NpyReader.ReadFile(Fixture("arrays.npz")));
        Assert.Contains("bad magic", m.Message, StringComparison.Ordinal);
        Assert.Contains("read it with NpzArchive", m.Message, StringComparison.Ordinal);
        Assert.Equal("arrays", m.ArrayName);
    }
}
