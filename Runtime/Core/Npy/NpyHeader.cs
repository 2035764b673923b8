using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SlthGen;

/// <summary>
/// The header of a .npy file: the Python dict literal
/// <c>{'descr': '&lt;i4', 'fortran_order': False, 'shape': (2, 3), }</c>, parsed with a small
/// parser for Python literals (never evaluated) and formatted exactly as NumPy formats it.
/// </summary>
internal sealed class NpyHeader
{
    private const int GrowthAxisMaxDigits = 21; // NumPy's GROWTH_AXIS_MAX_DIGITS

    private NpyHeader(string descr, bool fortranOrder, long[] shape)
    {
        Descr = descr;
        FortranOrder = fortranOrder;
        Shape = shape;
    }

    internal string Descr { get; }

    internal bool FortranOrder { get; }

    internal long[] Shape { get; }

    /// <summary>The dict text NumPy writes (before padding): sorted keys, repr values, growth-axis spaces.</summary>
    internal static string Format(string descr, IReadOnlyList<int> shape)
    {
        var sb = new StringBuilder();
        sb.Append("{'descr': ").Append(Quote(descr)).Append(", 'fortran_order': False, 'shape': ");
        string shapeText = FormatShape(shape);
        sb.Append(shapeText).Append(", }");
        if (shape.Count > 0)
        {
            sb.Append(' ', GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length);
        }

        return sb.ToString();
    }

    /// <summary>Python's repr of a shape tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 3)</c>.</summary>
    internal static string FormatShape(IReadOnlyList<int> shape)
    {
        var longs = new long[shape.Count];
        for (int i = 0; i < longs.Length; i++)
        {
            longs[i] = shape[i];
        }

        return FormatShape(longs);
    }

    /// <summary>Python's repr of a shape tuple.</summary>
    internal static string FormatShape(long[] shape)
    {
        if (shape.Length == 1)
        {
            return "(" + shape[0].ToString(CultureInfo.InvariantCulture) + ",)";
        }

        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(')').ToString();
    }

    /// <summary>A Python-style single-quoted literal of <paramref name="s"/> for messages and headers.</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('\'');
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\x7f')
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>Parses and checks a header dict.</summary>
    /// <exception cref="NpyFormatException">The header is malformed.</exception>
    internal static NpyHeader Parse(string text, string? arrayName)
    {
        object? value;
        try
        {
            var parser = new LiteralParser(text);
            value = parser.ParseValue();
            parser.SkipWhitespace();
            if (!parser.AtEnd)
            {
                throw parser.Error("unexpected text after the dict");
            }
        }
        catch (LiteralException e)
        {
            throw Malformed(arrayName, text, e.Message);
        }

        if (value is not PyDict dict)
        {
            throw Malformed(arrayName, text, "the header is not a dict");
        }

        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        var keys = new List<string>();
        foreach (var entry in dict.Items)
        {
            if (entry.Key is not string key)
            {
                throw Malformed(arrayName, text, "a key is not a string");
            }

            if (keys.Contains(key))
            {
                throw Malformed(arrayName, text, "the key " + Quote(key) + " appears twice");
            }

            keys.Add(key);
            switch (key)
            {
                case "descr":
                    if (entry.Value is string d)
                    {
                        descr = d;
                    }
                    else if (entry.Value is PySequence { IsTuple: false })
                    {
                        throw NpyFormatException.For(arrayName, "unsupported dtype: structured (record) dtypes are not supported. Supported: " + NpyDescr.Supported + ".");
                    }
                    else
                    {
                        throw Malformed(arrayName, text, "'descr' is not a string");
                    }

                    break;
                case "fortran_order":
                    fortran = entry.Value as bool? ?? throw Malformed(arrayName, text, "'fortran_order' is not True or False");
                    break;
                case "shape":
                    shape = ParseShape(entry.Value) ?? throw Malformed(arrayName, text, "'shape' is not a tuple of non-negative integers");
                    break;
                default:
                    break;
            }
        }

        if (descr is null || fortran is null || shape is null || keys.Count != 3)
        {
            throw Malformed(arrayName, text, "the keys are [" + string.Join(", ", keys.ConvertAll(Quote)) + "], expected exactly 'descr', 'fortran_order' and 'shape'");
        }

        return new NpyHeader(descr, fortran.Value, shape);
    }

    private static long[]? ParseShape(object? value)
    {
        if (value is not PySequence { IsTuple: true } tuple)
        {
            return null;
        }

        var shape = new long[tuple.Items.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            if (tuple.Items[i] is not long dim || dim < 0)
            {
                return null;
            }

            shape[i] = dim;
        }

        return shape;
    }

    private static NpyFormatException Malformed(string? arrayName, string text, string detail)
    {
        string shown = text.TrimEnd(' ', '\n', '\r', '\t', '\0');
        if (shown.Length > 200)
        {
            shown = shown.Substring(0, 200) + "…";
        }

        return NpyFormatException.For(arrayName, "malformed header: " + detail + ". Header text: " + Quote(shown) + ".");
    }

    private sealed class PyDict
    {
        internal List<KeyValuePair<object?, object?>> Items { get; } = new();
    }

    private sealed class PySequence
    {
        internal PySequence(bool isTuple) => IsTuple = isTuple;

        internal bool IsTuple { get; }

        internal List<object?> Items { get; } = new();
    }

    private sealed class LiteralException : Exception
    {
        internal LiteralException(string message)
            : base(message)
        {
        }
    }

    /// <summary>A recursive-descent parser for the Python literals a header can hold.</summary>
    private sealed class LiteralParser
    {
        private const int MaxDepth = 32;
        private readonly string _text;
        private int _pos;
        private int _depth;

        internal LiteralParser(string text) => _text = text;

        internal bool AtEnd => _pos >= _text.Length;

        internal LiteralException Error(string what) =>
            new(what + " at offset " + _pos.ToString(CultureInfo.InvariantCulture));

        internal void SkipWhitespace()
        {
            while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r' || _text[_pos] == '\f'))
            {
                _pos++;
            }
        }

        internal object? ParseValue()
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end of the header");
            }

            if (++_depth > MaxDepth)
            {
                throw Error("nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            }

            try
            {
                char c = _text[_pos];
                return c switch
                {
                    '{' => ParseDict(),
                    '(' => ParseParenthesised(),
                    '[' => ParseList(),
                    '\'' or '"' => ParseString(),
                    _ when c == '-' || c == '+' || (c >= '0' && c <= '9') => ParseInteger(),
                    _ when char.IsLetter(c) || c == '_' => ParseName(),
                    _ => throw Error("unexpected character " + Quote(c.ToString())),
                };
            }
            finally
            {
                _depth--;
            }
        }

        private void Expect(char c)
        {
            SkipWhitespace();
            if (AtEnd || _text[_pos] != c)
            {
                throw Error("expected " + Quote(c.ToString()) + (AtEnd ? " but the header ended" : " but found " + Quote(_text[_pos].ToString())));
            }

            _pos++;
        }

        private bool TryConsume(char c)
        {
            SkipWhitespace();
            if (!AtEnd && _text[_pos] == c)
            {
                _pos++;
                return true;
            }

            return false;
        }

        private PyDict ParseDict()
        {
            Expect('{');
            var dict = new PyDict();
            while (!TryConsume('}'))
            {
                object? key = ParseValue();
                Expect(':');
                object? value = ParseValue();
                dict.Items.Add(new KeyValuePair<object?, object?>(key, value));
                if (!TryConsume(','))
                {
                    Expect('}');
                    break;
                }
            }

            return dict;
        }

        private object? ParseParenthesised()
        {
            Expect('(');
            var tuple = new PySequence(isTuple: true);
            if (TryConsume(')'))
            {
                return tuple;
            }

            object? first = ParseValue();
            if (TryConsume(')'))
            {
                return first; // (x) is x, not a tuple
            }

            tuple.Items.Add(first);
            Expect(',');
            while (!TryConsume(')'))
            {
                tuple.Items.Add(ParseValue());
                if (!TryConsume(','))
                {
                    Expect(')');
                    break;
                }
            }

            return tuple;
        }

        private PySequence ParseList()
        {
            Expect('[');
            var list = new PySequence(isTuple: false);
            while (!TryConsume(']'))
            {
                list.Items.Add(ParseValue());
                if (!TryConsume(','))
                {
                    Expect(']');
                    break;
                }
            }

            return list;
        }

        private string ParseString()
        {
            char quote = _text[_pos++];
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd || _text[_pos] == '\n')
                {
                    throw Error("unterminated string");
                }

                char c = _text[_pos++];
                if (c == quote)
                {
                    return sb.ToString();
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                char e = _text[_pos++];
                switch (e)
                {
                    case '\\': sb.Append('\\'); break;
                    case '\'': sb.Append('\''); break;
                    case '"': sb.Append('"'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case '0': sb.Append('\0'); break;
                    case 'x': sb.Append(ParseHexEscape(2)); break;
                    case 'u': sb.Append(ParseHexEscape(4)); break;
                    case 'U': sb.Append(ParseHexEscape(8)); break;
                    default: sb.Append('\\').Append(e); break;
                }
            }
        }

        private string ParseHexEscape(int digits)
        {
            if (_pos + digits > _text.Length
                || !int.TryParse(_text.Substring(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
                || code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                throw Error("invalid \\x/\\u/\\U escape in a string");
            }

            _pos += digits;
            return char.ConvertFromUtf32(code);
        }

        private long ParseInteger()
        {
            int start = _pos;
            bool negative = false;
            if (_text[_pos] == '-' || _text[_pos] == '+')
            {
                negative = _text[_pos] == '-';
                _pos++;
                SkipWhitespace();
            }

            int digitsStart = _pos;
            while (!AtEnd && _text[_pos] >= '0' && _text[_pos] <= '9')
            {
                _pos++;
            }

            if (_pos == digitsStart)
            {
                _pos = start;
                throw Error("expected an integer");
            }

            string digits = _text.Substring(digitsStart, _pos - digitsStart);
            if (!AtEnd && (_text[_pos] == 'L' || _text[_pos] == 'l'))
            {
                _pos++; // Python 2 long suffix, as NumPy's _filter_header accepts
            }

            if (!AtEnd && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '.' || _text[_pos] == '_'))
            {
                _pos = start;
                throw Error("expected an integer (floats, hex and other number forms are not valid here)");
            }

            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                _pos = start;
                throw Error("the integer " + digits + " is too large");
            }

            return negative ? -value : value;
        }

        private object? ParseName()
        {
            int start = _pos;
            while (!AtEnd && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }

            string name = _text.Substring(start, _pos - start);
            switch (name)
            {
                case "True": return true;
                case "False": return false;
                case "None": return null;
                default:
                    _pos = start;
                    throw Error("unexpected name " + Quote(name) + " (only True, False and None are allowed)");
            }
        }
    }
}
