using System;
using System.Globalization;

namespace SlthGen;

/// <summary>Descriptor strings (<c>descr</c>) of the supported dtypes: parsing and formatting.</summary>
internal static class NpyDescr
{
    internal const string Supported = "|b1 (bool), |i1 (int8), |u1 (uint8), <i2, <i4, <i8 (int16, int32, int64), <f4, <f8 (float32, float64), <U{n} (unicode); '>' byte order is read too";

    /// <summary>The largest supported <c>U</c> length, so that an element's byte size fits an int.</summary>
    internal const int MaxStringLength = int.MaxValue / 4;

    internal static int ItemSize(NpyDType type, int stringLength) => type switch
    {
        NpyDType.Bool or NpyDType.Int8 or NpyDType.UInt8 => 1,
        NpyDType.Int16 => 2,
        NpyDType.Int32 or NpyDType.Float32 => 4,
        NpyDType.Int64 or NpyDType.Float64 => 8,
        NpyDType.Unicode => 4 * stringLength,
        _ => throw new ArgumentOutOfRangeException(nameof(type), "Unknown NpyDType " + ((int)type).ToString(CultureInfo.InvariantCulture) + "."),
    };

    /// <summary>The little-endian descriptor NumPy writes for the type.</summary>
    internal static string Format(NpyDType type, int stringLength) => type switch
    {
        NpyDType.Bool => "|b1",
        NpyDType.Int8 => "|i1",
        NpyDType.UInt8 => "|u1",
        NpyDType.Int16 => "<i2",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Unicode => "<U" + stringLength.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(type), "Unknown NpyDType " + ((int)type).ToString(CultureInfo.InvariantCulture) + "."),
    };

    /// <summary>NumPy's name of the type (float32, int8, …).</summary>
    internal static string Name(NpyDType type) => type switch
    {
        NpyDType.Bool => "bool",
        NpyDType.Int8 => "int8",
        NpyDType.UInt8 => "uint8",
        NpyDType.Int16 => "int16",
        NpyDType.Int32 => "int32",
        NpyDType.Int64 => "int64",
        NpyDType.Float32 => "float32",
        NpyDType.Float64 => "float64",
        NpyDType.Unicode => "unicode",
        _ => "unknown",
    };

    internal static bool IsInteger(NpyDType type) => type is NpyDType.Int8 or NpyDType.UInt8 or NpyDType.Int16 or NpyDType.Int32 or NpyDType.Int64;

    internal static bool IsFloat(NpyDType type) => type is NpyDType.Float32 or NpyDType.Float64;

    /// <summary>The inclusive range of values of an integer or bool type.</summary>
    internal static (long Min, long Max) Range(NpyDType type) => type switch
    {
        NpyDType.Bool => (0, 1),
        NpyDType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        NpyDType.UInt8 => (byte.MinValue, byte.MaxValue),
        NpyDType.Int16 => (short.MinValue, short.MaxValue),
        NpyDType.Int32 => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    /// <summary>
    /// Parses a descriptor such as <c>&lt;i4</c>, <c>|b1</c>, <c>&gt;f8</c> or <c>&lt;U12</c>.
    /// A missing byte-order character or <c>=</c> means the machine's order, as in NumPy.
    /// </summary>
    /// <exception cref="NpyFormatException">The descriptor is not a supported dtype.</exception>
    internal static (NpyDType Type, int StringLength, bool BigEndian) Parse(string descr, string? arrayName)
    {
        int i = 0;
        char order = '=';
        if (descr.Length > 0 && (descr[0] == '<' || descr[0] == '>' || descr[0] == '|' || descr[0] == '='))
        {
            order = descr[0];
            i = 1;
        }

        bool bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        if (i >= descr.Length)
        {
            throw Unsupported(descr, arrayName, null);
        }

        char kind = descr[i];
        string digits = descr.Substring(i + 1);
        if (kind == '?' && digits.Length == 0)
        {
            return (NpyDType.Bool, 0, false);
        }

        if (digits.Length == 0 || digits.Length > 10 || !AllDigits(digits) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int size))
        {
            throw Unsupported(descr, arrayName, null);
        }

        NpyDType? type = (kind, size) switch
        {
            ('b', 1) => NpyDType.Bool,
            ('i', 1) => NpyDType.Int8,
            ('u', 1) => NpyDType.UInt8,
            ('i', 2) => NpyDType.Int16,
            ('i', 4) => NpyDType.Int32,
            ('i', 8) => NpyDType.Int64,
            ('f', 4) => NpyDType.Float32,
            ('f', 8) => NpyDType.Float64,
            ('U', >= 1 and <= MaxStringLength) => NpyDType.Unicode,
            _ => null,
        };

        if (type is null)
        {
            string? hint = (kind, size) switch
            {
                ('u', _) => "convert it in NumPy first, e.g. a.astype(np.int64)",
                ('f', 2) or ('f', 16) => "convert it in NumPy first, e.g. a.astype(np.float32)",
                ('S', _) or ('a', _) => "convert byte strings to unicode in NumPy first, e.g. a.astype(str)",
                ('U', 0) => "a zero-length unicode dtype holds no characters",
                _ => null,
            };
            throw Unsupported(descr, arrayName, hint);
        }

        if (order == '|' && size > 1 && type != NpyDType.Unicode)
        {
            throw Unsupported(descr, arrayName, "a multi-byte type needs the byte order '<' or '>'");
        }

        return (type.Value, type == NpyDType.Unicode ? size : 0, bigEndian && ItemSize(type.Value, 1) > 1);
    }

    private static bool AllDigits(string s)
    {
        foreach (char c in s)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static NpyFormatException Unsupported(string descr, string? arrayName, string? hint) =>
        NpyFormatException.For(arrayName, "unsupported dtype " + NpyHeader.Quote(descr) + ". Supported: " + Supported + "." + (hint is null ? string.Empty : " Hint: " + hint + "."));
}
