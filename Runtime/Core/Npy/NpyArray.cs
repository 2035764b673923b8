using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SlthGen;

/// <summary>
/// An immutable n-dimensional NumPy array: a dtype, a shape and its elements in C (row-major)
/// order. Read with <see cref="NpyReader"/> or <see cref="NpzArchive"/>, written with
/// <see cref="NpyWriter"/> or <see cref="NpzArchive"/>; see docs/npy-support.md.
/// </summary>
public sealed class NpyArray
{
    /// <summary>The largest number of data bytes an array may hold (the largest .NET byte array).</summary>
    internal const int MaxDataBytes = 0x7FFFFFC7;

    private readonly int[] _shape;

    /// <summary>The elements, little-endian, C order; never modified after construction.</summary>
    private readonly byte[] _data;

    private NpyArray(NpyDType type, int stringLength, int[] shape, byte[] data, string? name)
    {
        DType = type;
        StringLength = stringLength;
        _shape = shape;
        _data = data;
        Name = name;
        Shape = new ReadOnlyCollection<int>(shape);
        ItemSize = NpyDescr.ItemSize(type, stringLength);
        Length = Product(shape);
    }

    /// <summary>The element type.</summary>
    public NpyDType DType { get; }

    /// <summary>For <see cref="NpyDType.Unicode"/>, the number of code points per element (the n of <c>&lt;U{n}</c>); otherwise 0.</summary>
    public int StringLength { get; }

    /// <summary>The number of bytes per element in the file (4·n for <c>&lt;U{n}</c>).</summary>
    public int ItemSize { get; }

    /// <summary>The descriptor the array is written with, e.g. <c>&lt;i4</c>, <c>|b1</c>, <c>&lt;U7</c> (always little-endian).</summary>
    public string Descr => NpyDescr.Format(DType, StringLength);

    /// <summary>The dimensions; empty for a 0-d (scalar) array.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public int Length { get; }

    /// <summary>The name of the array (the .npz entry without <c>.npy</c>, or the file name), or null; used in error messages.</summary>
    public string? Name { get; }

    /// <summary>Whether the dtype is bool.</summary>
    public bool IsBoolean => DType == NpyDType.Bool;

    /// <summary>Whether the dtype is one of the integer types (int8, uint8, int16, int32, int64).</summary>
    public bool IsInteger => NpyDescr.IsInteger(DType);

    /// <summary>Whether the dtype is float32 or float64.</summary>
    public bool IsFloatingPoint => NpyDescr.IsFloat(DType);

    /// <summary>Whether the dtype is unicode.</summary>
    public bool IsString => DType == NpyDType.Unicode;

    /// <summary>The elements as little-endian bytes in C order (what follows the header in a .npy file).</summary>
    internal ReadOnlySpan<byte> Data => _data;

    /// <summary>The same bytes as <see cref="Data"/>; callers must not modify them.</summary>
    internal byte[] RawData => _data;

    /// <summary>
    /// Creates an array of an integer or bool dtype from <paramref name="values"/> in C order.
    /// </summary>
    /// <param name="type">Bool, Int8, UInt8, Int16, Int32 or Int64.</param>
    /// <param name="shape">The dimensions (empty for a scalar), each ≥ 0.</param>
    /// <param name="values">The elements in C order; each must fit the dtype (0 or 1 for bool).</param>
    /// <exception cref="ArgumentException">The type is not integral, the shape is invalid or does not match the number of values, or a value is out of range.</exception>
    public static NpyArray Create(NpyDType type, ReadOnlySpan<int> shape, ReadOnlySpan<long> values)
    {
        if (type != NpyDType.Bool && !NpyDescr.IsInteger(type))
        {
            throw new ArgumentException("Create(…, ReadOnlySpan<long>) needs an integer or bool dtype, not " + NpyDescr.Name(type) + ".", nameof(type));
        }

        int[] dims = CheckShape(shape, values.Length, 1);
        (long min, long max) = NpyDescr.Range(type);
        int size = NpyDescr.ItemSize(type, 0);
        var data = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i];
            if (v < min || v > max)
            {
                throw new ArgumentException(Invariant($"values[{i}] = {v} does not fit {NpyDescr.Name(type)} (range {min} to {max})."), nameof(values));
            }

            WriteInteger(data.AsSpan(i * size, size), v);
        }

        return new NpyArray(type, 0, dims, data, null);
    }

    /// <summary>
    /// Creates a float32 or float64 array from <paramref name="values"/> in C order.
    /// </summary>
    /// <param name="type">Float32 or Float64.</param>
    /// <param name="shape">The dimensions (empty for a scalar), each ≥ 0.</param>
    /// <param name="values">The elements in C order; for float32 each must be exactly representable as a float (or NaN/±∞).</param>
    /// <exception cref="ArgumentException">The type is not a float type, the shape is invalid or does not match, or a value would be rounded.</exception>
    public static NpyArray Create(NpyDType type, ReadOnlySpan<int> shape, ReadOnlySpan<double> values)
    {
        if (!NpyDescr.IsFloat(type))
        {
            throw new ArgumentException("Create(…, ReadOnlySpan<double>) needs Float32 or Float64, not " + NpyDescr.Name(type) + ".", nameof(type));
        }

        int[] dims = CheckShape(shape, values.Length, 1);
        int size = NpyDescr.ItemSize(type, 0);
        var data = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (type == NpyDType.Float64)
            {
                BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), BitConverter.DoubleToInt64Bits(v));
            }
            else
            {
                float f = (float)v;
                if (!double.IsNaN(v) && f != v)
                {
                    throw new ArgumentException(Invariant($"values[{i}] = {v:R} is not exactly representable as float32; round it first or use Float64."), nameof(values));
                }

                BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 4), SingleBits(f));
            }
        }

        return new NpyArray(type, 0, dims, data, null);
    }

    /// <summary>Creates a bool array.</summary>
    /// <param name="shape">The dimensions (empty for a scalar).</param>
    /// <param name="values">The elements in C order.</param>
    /// <exception cref="ArgumentException">The shape is invalid or does not match the number of values.</exception>
    public static NpyArray FromBooleans(ReadOnlySpan<int> shape, ReadOnlySpan<bool> values)
    {
        int[] dims = CheckShape(shape, values.Length, 1);
        var data = new byte[values.Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = values[i] ? (byte)1 : (byte)0;
        }

        return new NpyArray(NpyDType.Bool, 0, dims, data, null);
    }

    /// <summary>Creates a float32 array.</summary>
    /// <param name="shape">The dimensions (empty for a scalar).</param>
    /// <param name="values">The elements in C order.</param>
    /// <exception cref="ArgumentException">The shape is invalid or does not match the number of values.</exception>
    public static NpyArray FromSingles(ReadOnlySpan<int> shape, ReadOnlySpan<float> values)
    {
        int[] dims = CheckShape(shape, values.Length, 1);
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 4), SingleBits(values[i]));
        }

        return new NpyArray(NpyDType.Float32, 0, dims, data, null);
    }

    /// <summary>
    /// Creates a unicode (<c>&lt;U{n}</c>) array. NumPy strips trailing NULs when it reads strings,
    /// so a value may not end with <c>'\0'</c>.
    /// </summary>
    /// <param name="shape">The dimensions (empty for a scalar).</param>
    /// <param name="values">The elements in C order (not null, valid UTF-16).</param>
    /// <param name="stringLength">n, the code points per element; 0 (the default) picks the longest value's length (at least 1).</param>
    /// <exception cref="ArgumentException">The shape is invalid or does not match, a value is null, has an unpaired surrogate, ends with NUL or is longer than <paramref name="stringLength"/>.</exception>
    public static NpyArray FromStrings(ReadOnlySpan<int> shape, ReadOnlySpan<string> values, int stringLength = 0)
    {
        if (stringLength < 0 || stringLength > NpyDescr.MaxStringLength)
        {
            throw new ArgumentOutOfRangeException(nameof(stringLength), Invariant($"The string length must be 0 (automatic) or 1 to {NpyDescr.MaxStringLength} (got {stringLength})."));
        }

        var codePoints = new int[values.Length][];
        int longest = 1;
        for (int i = 0; i < values.Length; i++)
        {
            codePoints[i] = ToCodePoints(values[i], i);
            longest = Math.Max(longest, codePoints[i].Length);
        }

        int n = stringLength == 0 ? longest : stringLength;
        if (longest > n)
        {
            int i = Array.FindIndex(codePoints, c => c.Length > n);
            throw new ArgumentException(Invariant($"values[{i}] has {codePoints[i].Length} code points, more than the string length {n}."), nameof(values));
        }

        int[] dims = CheckShape(shape, values.Length, 4L * n);
        var data = new byte[values.Length * 4 * n];
        for (int i = 0; i < codePoints.Length; i++)
        {
            for (int j = 0; j < codePoints[i].Length; j++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(((i * n) + j) * 4), codePoints[i][j]);
            }
        }

        return new NpyArray(NpyDType.Unicode, n, dims, data, null);
    }

    /// <summary>A 0-d unicode array holding <paramref name="value"/> (as <c>np.array('…')</c> makes).</summary>
    /// <param name="value">The string (not null).</param>
    /// <exception cref="ArgumentException">The value is null, has an unpaired surrogate or ends with NUL.</exception>
    public static NpyArray Scalar(string value) => FromStrings(ReadOnlySpan<int>.Empty, new[] { value });

    /// <summary>A 0-d integer array.</summary>
    /// <param name="value">The value.</param>
    /// <param name="type">An integer or bool dtype that holds the value (default int64).</param>
    /// <exception cref="ArgumentException">The type is not integral or the value does not fit it.</exception>
    public static NpyArray Scalar(long value, NpyDType type = NpyDType.Int64) => Create(type, ReadOnlySpan<int>.Empty, new[] { value });

    /// <summary>A 0-d float64 array.</summary>
    /// <param name="value">The value.</param>
    public static NpyArray Scalar(double value) => Create(NpyDType.Float64, ReadOnlySpan<int>.Empty, new[] { value });

    /// <summary>This array with <see cref="Name"/> set to <paramref name="name"/> (the elements are shared, not copied).</summary>
    /// <param name="name">The new name, or null.</param>
    public NpyArray WithName(string? name) => new(DType, StringLength, _shape, _data, name);

    /// <summary>The shape as a new array.</summary>
    public int[] GetShape() => (int[])_shape.Clone();

    /// <summary>
    /// The elements of an integer or bool array as 64-bit integers, in C order (bools are 0 and 1).
    /// </summary>
    /// <exception cref="NpyFormatException">The array holds floats (the message says how to quantise them in NumPy) or strings.</exception>
    public long[] ToInt64Array()
    {
        RequireIntegers();
        var result = new long[Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ReadInteger(i);
        }

        return result;
    }

    /// <summary>Element <paramref name="index"/> (C order) of an integer or bool array.</summary>
    /// <param name="index">The flat index, 0 ≤ index &lt; <see cref="Length"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="NpyFormatException">The array holds floats or strings.</exception>
    public long GetInt64(int index)
    {
        CheckIndex(index);
        RequireIntegers();
        return ReadInteger(index);
    }

    /// <summary>
    /// The elements as doubles, in C order: floats exactly, integers and bools converted (int64
    /// values beyond ±2^53 are rounded).
    /// </summary>
    /// <exception cref="NpyFormatException">The array holds strings.</exception>
    public double[] ToDoubleArray()
    {
        RequireNumbers();
        var result = new double[Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ReadDouble(i);
        }

        return result;
    }

    /// <summary>Element <paramref name="index"/> (C order) as a double.</summary>
    /// <param name="index">The flat index, 0 ≤ index &lt; <see cref="Length"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="NpyFormatException">The array holds strings.</exception>
    public double GetDouble(int index)
    {
        CheckIndex(index);
        RequireNumbers();
        return ReadDouble(index);
    }

    /// <summary>
    /// The elements of a bool array, or of an integer array whose elements are all 0 or 1 (a mask
    /// saved as integers), in C order.
    /// </summary>
    /// <exception cref="NpyFormatException">The array holds floats or strings, or an integer element is not 0 or 1.</exception>
    public bool[] ToBooleanArray()
    {
        if (DType != NpyDType.Bool && !IsInteger)
        {
            throw NpyFormatException.For(Name, "has dtype " + NpyDescr.Name(DType) + " (" + Descr + ") but a bool mask is required; save it in NumPy as a.astype(bool).");
        }

        var result = new bool[Length];
        for (int i = 0; i < result.Length; i++)
        {
            long v = ReadInteger(i);
            if (v != 0 && v != 1)
            {
                throw NpyFormatException.For(Name, Invariant($"element {i} is {v}; a mask must hold only 0 and 1."));
            }

            result[i] = v == 1;
        }

        return result;
    }

    /// <summary>The elements of a unicode array, in C order, with trailing NULs removed (as NumPy does).</summary>
    /// <exception cref="NpyFormatException">The array does not hold strings.</exception>
    public string[] ToStringArray()
    {
        RequireStrings();
        var result = new string[Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ReadString(i);
        }

        return result;
    }

    /// <summary>Element <paramref name="index"/> (C order) of a unicode array; <c>GetString(0)</c> reads a scalar.</summary>
    /// <param name="index">The flat index, 0 ≤ index &lt; <see cref="Length"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="NpyFormatException">The array does not hold strings.</exception>
    public string GetString(int index)
    {
        CheckIndex(index);
        RequireStrings();
        return ReadString(index);
    }

    /// <summary>Whether <paramref name="other"/> has the same dtype, shape and element bytes (names are ignored).</summary>
    /// <param name="other">The array to compare with.</param>
    public bool ContentEquals(NpyArray? other) =>
        other is not null
        && other.DType == DType
        && other.StringLength == StringLength
        && other._shape.AsSpan().SequenceEqual(_shape)
        && other._data.AsSpan().SequenceEqual(_data);

    /// <summary>A short description: name, descriptor and shape.</summary>
    public override string ToString() => (Name is null ? "NpyArray" : "NpyArray '" + Name + "'") + " " + Descr + " " + NpyHeader.FormatShape(Shape);

    /// <summary>Wraps little-endian C-order data read from a file (already validated by the reader).</summary>
    internal static NpyArray FromData(NpyDType type, int stringLength, int[] shape, byte[] data, string? name) => new(type, stringLength, shape, data, name);

    /// <summary>The product of the dimensions, checked against the array size limit.</summary>
    internal static long CheckedByteCount(long[] shape, int itemSize, out int elements)
    {
        long count = 1;
        bool overflow = false;
        foreach (long d in shape)
        {
            if (d == 0)
            {
                elements = 0;
                return 0;
            }

            if (count > MaxDataBytes / d)
            {
                overflow = true;
            }
            else
            {
                count *= d;
            }
        }

        if (overflow || count * itemSize > MaxDataBytes)
        {
            elements = -1;
            return -1;
        }

        elements = (int)count;
        return count * itemSize;
    }

    private static int Product(int[] shape)
    {
        int p = 1;
        foreach (int d in shape)
        {
            p *= d;
        }

        return p;
    }

    private static int[] CheckShape(ReadOnlySpan<int> shape, int count, long itemSize)
    {
        var dims = shape.ToArray();
        var longs = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
            {
                throw new ArgumentException(Invariant($"shape[{i}] = {dims[i]} is negative."), nameof(shape));
            }

            longs[i] = dims[i];
        }

        long bytes = CheckedByteCount(longs, (int)Math.Min(itemSize, int.MaxValue), out int elements);
        if (bytes < 0 || itemSize > int.MaxValue)
        {
            throw new ArgumentException("Shape " + NpyHeader.FormatShape(longs) + " is larger than an array can hold (2 GiB of data).", nameof(shape));
        }

        if (elements != count)
        {
            throw new ArgumentException(Invariant($"Shape {NpyHeader.FormatShape(longs)} has {elements} elements but {count} values were given."), nameof(shape));
        }

        return dims;
    }

    private static int[] ToCodePoints(string value, int index)
    {
        if (value is null)
        {
            throw new ArgumentException(Invariant($"values[{index}] is null."), "values");
        }

        if (value.Length > 0 && value[value.Length - 1] == '\0')
        {
            throw new ArgumentException(Invariant($"values[{index}] ends with NUL, which NumPy strips when reading."), "values");
        }

        var result = new List<int>(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                result.Add(char.ConvertToUtf32(c, value[i + 1]));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException(Invariant($"values[{index}] has an unpaired surrogate at position {i}."), "values");
            }
            else
            {
                result.Add(c);
            }
        }

        return result.ToArray();
    }

    private static void WriteInteger(Span<byte> target, long v)
    {
        switch (target.Length)
        {
            case 1: target[0] = unchecked((byte)v); break;
            case 2: BinaryPrimitives.WriteInt16LittleEndian(target, (short)v); break;
            case 4: BinaryPrimitives.WriteInt32LittleEndian(target, (int)v); break;
            default: BinaryPrimitives.WriteInt64LittleEndian(target, v); break;
        }
    }

    private static int SingleBits(float f)
    {
        var u = new SingleUnion { Single = f };
        return u.Int32;
    }

    private static float BitsToSingle(int bits)
    {
        var u = new SingleUnion { Int32 = bits };
        return u.Single;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private void CheckIndex(int index)
    {
        if (index < 0 || index >= Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), Invariant($"Index {index} is outside the {Length} elements of the array."));
        }
    }

    private void RequireIntegers()
    {
        if (IsFloatingPoint)
        {
            throw NpyFormatException.For(
                Name,
                "has dtype " + NpyDescr.Name(DType) + " (" + Descr + ") but an integer array is required (weights are fixed-point integers q = w·2^b). "
                + "Quantise it in NumPy first, e.g. np.save(path, np.round(w * 2**TargetBits).astype(np.int32)), "
                + "where TargetBits is the number of fractional bits b of the precision 2^-b.");
        }

        if (IsString)
        {
            throw NpyFormatException.For(Name, "has dtype unicode (" + Descr + ") but an integer array is required.");
        }
    }

    private void RequireNumbers()
    {
        if (IsString)
        {
            throw NpyFormatException.For(Name, "has dtype unicode (" + Descr + ") but a numeric array is required.");
        }
    }

    private void RequireStrings()
    {
        if (!IsString)
        {
            throw NpyFormatException.For(Name, "has dtype " + NpyDescr.Name(DType) + " (" + Descr + ") but a unicode string array ('<U…') is required.");
        }
    }

    private long ReadInteger(int i) => DType switch
    {
        NpyDType.Bool => _data[i] != 0 ? 1 : 0,
        NpyDType.Int8 => unchecked((sbyte)_data[i]),
        NpyDType.UInt8 => _data[i],
        NpyDType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(_data.AsSpan(i * 2)),
        NpyDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(i * 4)),
        _ => BinaryPrimitives.ReadInt64LittleEndian(_data.AsSpan(i * 8)),
    };

    private double ReadDouble(int i) => DType switch
    {
        NpyDType.Float32 => BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(i * 4))),
        NpyDType.Float64 => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(_data.AsSpan(i * 8))),
        _ => ReadInteger(i),
    };

    private string ReadString(int i)
    {
        var sb = new StringBuilder(StringLength);
        int start = i * StringLength * 4;
        for (int j = 0; j < StringLength; j++)
        {
            int code = BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(start + (j * 4)));
            if (code < 0x10000)
            {
                sb.Append((char)code);
            }
            else
            {
                sb.Append(char.ConvertFromUtf32(code));
            }
        }

        int end = sb.Length;
        while (end > 0 && sb[end - 1] == '\0')
        {
            end--;
        }

        return sb.ToString(0, end);
    }

    /// <summary>Reinterprets float bits without unsafe code or netstandard2.0-missing APIs.</summary>
    [StructLayout(LayoutKind.Explicit)]
    private struct SingleUnion
    {
        [FieldOffset(0)]
        public float Single;

        [FieldOffset(0)]
        public int Int32;
    }
}
