using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Parsing;

/// <summary>
/// Reads the JSON weights format of docs/weights.md straight from the file's bytes:
/// <c>{"layers": [{"weights": [[…], …], "biases": […]}, …]}</c>. Strict on purpose — a lenient
/// reader can silently change a network: the bytes must be valid UTF-8 (a leading BOM is
/// skipped), the text valid JSON (RFC 8259: no comments, trailing commas, single quotes, NaN,
/// leading zeros or control characters in strings), keys unique and known, and every value an
/// integer that fits 32 bits. The reader follows the schema, so it nests at most four levels and
/// never recurses; each error names its line and column (columns count characters).
/// Hand-written: a generator runs inside the compiler, which does not load System.Text.Json for
/// analyzers on every host.
/// </summary>
internal sealed class JsonWeights
{
    private const string QuantiseHint = "store integers in units of 2^-TargetBits, e.g. np.round(w * 2**TargetBits).astype(int).tolist()";

    private readonly byte[] _bytes;
    private readonly long _maxParameters;
    private long _parameters;
    private int _at;

    private JsonWeights(byte[] bytes, long maxParameters)
    {
        _bytes = bytes;
        _maxParameters = maxParameters;
    }

    /// <summary>The layers of a JSON weights file.</summary>
    /// <exception cref="FormatException">The file is not valid UTF-8, not valid JSON, or not the weights schema; the message has line and column.</exception>
    /// <exception cref="LimitExceededException">It holds more numbers than <paramref name="maxParameters"/>.</exception>
    public static LayerSpec[] Read(byte[] bytes, long maxParameters = long.MaxValue)
    {
        var reader = new JsonWeights(bytes, maxParameters);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            reader._at = 3; // RFC 8259 §8.1: a parser may ignore a UTF-8 byte order mark.
        }
        else if (bytes.Length >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)))
        {
            throw reader.Error("the file starts with a UTF-16 byte order mark: save it as UTF-8");
        }

        var layers = reader.Root();
        reader.SkipSpace();
        if (reader._at != bytes.Length)
        {
            throw reader.Error("unexpected " + reader.Describe() + " after the end of the JSON object");
        }

        return layers;
    }

    private LayerSpec[] Root()
    {
        SkipSpace();
        if (!Peek((byte)'{'))
        {
            throw Error("expected '{': the file must be an object {\"layers\": [{\"weights\": [[…], …], \"biases\": […]}, …]}, found " + Describe());
        }

        LayerSpec[]? layers = null;
        Members("the top-level object", key =>
        {
            if (key != "layers")
            {
                return false;
            }

            layers = Layers();
            return true;
        });

        if (layers is null)
        {
            throw Error("the top-level object has no \"layers\" array: {\"layers\": [{\"weights\": [[…], …], \"biases\": […]}, …]}");
        }

        return layers;
    }

    private LayerSpec[] Layers()
    {
        var layers = new List<LayerSpec>();
        int startAt = _at;
        Elements("\"layers\"", () =>
        {
            layers.Add(Layer(layers.Count));
        });

        if (layers.Count == 0)
        {
            throw ErrorAt(startAt, "\"layers\" is empty: give at least one layer");
        }

        return layers.ToArray();
    }

    private LayerSpec Layer(int index)
    {
        string where = "layers[" + N(index) + "]";
        SkipSpace();
        if (!Peek((byte)'{'))
        {
            throw Error(where + " must be an object {\"weights\": [[…], …], \"biases\": […]}, found " + Describe());
        }

        int startAt = _at;
        List<int>? weights = null;
        int inputs = 0, outputs = 0;
        List<int>? biases = null;
        Members(where, key =>
        {
            switch (key)
            {
                case "weights":
                    weights = new List<int>();
                    Elements(where + ".weights", () =>
                    {
                        string row = where + ".weights[" + N(outputs) + "]";
                        int rowAt = _at;
                        int before = weights.Count;
                        IntegerArray(row, weights);
                        int count = weights.Count - before;
                        if (count == 0)
                        {
                            throw ErrorAt(rowAt, row + " is empty: each row holds one weight per input");
                        }

                        if (outputs > 0 && count != inputs)
                        {
                            throw ErrorAt(rowAt, row + " has " + N(count) + " entries but " + where + ".weights[0] has " + N(inputs) + ": every row holds one weight per input");
                        }

                        inputs = count;
                        outputs++;
                    });
                    return true;
                case "biases":
                    SkipSpace();
                    if (Peek((byte)'n'))
                    {
                        Literal("null");
                        biases = null;
                        return true;
                    }

                    biases = new List<int>();
                    IntegerArray(where + ".biases", biases);
                    return true;
                default:
                    return false;
            }
        });

        if (weights is null || outputs == 0)
        {
            throw ErrorAt(startAt, where + " has no rows of \"weights\": give [[w11, w12, …], [w21, …], …] (one row per output)");
        }

        return new LayerSpec(inputs, outputs, new EquatableArray<int>(weights.ToArray()), biases is not null, new EquatableArray<int>(biases?.ToArray() ?? Array.Empty<int>()));
    }

    /// <summary>An object's members: <paramref name="member"/> reads the value of a known key and returns true, or returns false for an unknown key.</summary>
    private void Members(string what, Func<string, bool> member)
    {
        _at++; // '{'
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipSpace();
        if (Peek((byte)'}'))
        {
            _at++;
            return;
        }

        while (true)
        {
            SkipSpace();
            if (!Peek((byte)'"'))
            {
                throw Error("expected a key in double quotes in " + what + ", found " + Describe());
            }

            int startAt = _at;
            string key = String();
            if (!seen.Add(key))
            {
                throw ErrorAt(startAt, what + " has the key \"" + key + "\" twice");
            }

            SkipSpace();
            Expect((byte)':');
            if (!member(key))
            {
                throw ErrorAt(startAt, what + " has an unknown key \"" + Printable(key) + "\": the format knows only " + (what == "the top-level object" ? "\"layers\"" : "\"weights\" and \"biases\"") + " (keys are case-sensitive)");
            }

            SkipSpace();
            if (Peek((byte)','))
            {
                _at++;
                continue;
            }

            if (!Peek((byte)'}'))
            {
                throw Error("expected ',' or '}' in " + what + ", found " + Describe());
            }

            _at++;
            return;
        }
    }

    /// <summary>An array whose elements <paramref name="element"/> reads.</summary>
    private void Elements(string what, Action element)
    {
        SkipSpace();
        if (!Peek((byte)'['))
        {
            throw Error(what + " must be an array, found " + Describe());
        }

        _at++;
        SkipSpace();
        if (Peek((byte)']'))
        {
            _at++;
            return;
        }

        while (true)
        {
            element();
            SkipSpace();
            if (Peek((byte)','))
            {
                _at++;
                continue;
            }

            if (!Peek((byte)']'))
            {
                throw Error("expected ',' or ']' in " + what + ", found " + Describe());
            }

            _at++;
            return;
        }
    }

    private void IntegerArray(string what, List<int> into) => Elements(what, () =>
    {
        SkipSpace();
        into.Add(Integer(what));
        if (++_parameters > _maxParameters)
        {
            throw new LimitExceededException(new LimitProblem("The number of values in the file", _parameters, _maxParameters, Limits.MaxTargetParametersProperty, "the target has at most that many weights and biases"));
        }
    });

    /// <summary>A JSON number (RFC 8259 grammar) that must be an integer within 32 bits.</summary>
    private int Integer(string what)
    {
        int startAt = _at;
        int start = _at;
        if (Peek((byte)'-'))
        {
            _at++;
        }

        if (!PeekDigit())
        {
            throw Error(what + " must hold integers, found " + Describe());
        }

        if (Peek((byte)'0') && _at + 1 < _bytes.Length && _bytes[_at + 1] >= '0' && _bytes[_at + 1] <= '9')
        {
            throw Error("a number has a leading zero, which JSON does not allow");
        }

        while (PeekDigit())
        {
            _at++;
        }

        bool integral = true;
        if (Peek((byte)'.'))
        {
            integral = false;
            _at++;
            if (!PeekDigit())
            {
                throw Error("expected a digit after '.'");
            }

            while (PeekDigit())
            {
                _at++;
            }
        }

        if (Peek((byte)'e') || Peek((byte)'E'))
        {
            integral = false;
            _at++;
            if (Peek((byte)'+') || Peek((byte)'-'))
            {
                _at++;
            }

            if (!PeekDigit())
            {
                throw Error("expected a digit in the exponent");
            }

            while (PeekDigit())
            {
                _at++;
            }
        }

        string token = Encoding.ASCII.GetString(_bytes, start, _at - start);
        if (!integral)
        {
            throw ErrorAt(startAt, what + " holds " + token + ", which is not an integer: " + QuantiseHint);
        }

        if (token.Length > 12 || !long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < int.MinValue || value > int.MaxValue)
        {
            throw ErrorAt(startAt, what + " holds " + (token.Length > 40 ? token.Substring(0, 40) + "…" : token) + ", beyond 32-bit integers: weights are integers w in units of 2^-TargetBits with |w| ≤ 2^TargetBits");
        }

        return (int)value;
    }

    private string String()
    {
        int startAt = _at;
        _at++; // '"'
        var s = new StringBuilder();
        while (_at < _bytes.Length)
        {
            byte b = _bytes[_at];
            if (b == '"')
            {
                _at++;
                return s.ToString();
            }

            if (b < 0x20)
            {
                throw Error("a control character (0x" + b.ToString("X2", CultureInfo.InvariantCulture) + ") inside a string: escape it (\\n, \\t, \\u00XX)");
            }

            if (b == '\\')
            {
                Escape(s);
                continue;
            }

            if (b < 0x80)
            {
                s.Append((char)b);
                _at++;
                continue;
            }

            s.Append(Utf8Sequence());
        }

        throw ErrorAt(startAt, "a string that never ends (no closing '\"')");
    }

    private void Escape(StringBuilder s)
    {
        if (_at + 1 >= _bytes.Length)
        {
            throw Error("a string ends inside an escape sequence");
        }

        byte e = _bytes[_at + 1];
        char? simple = e switch
        {
            (byte)'"' => '"',
            (byte)'\\' => '\\',
            (byte)'/' => '/',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            _ => null,
        };
        if (simple is { } c)
        {
            s.Append(c);
            _at += 2;
            return;
        }

        if (e != 'u')
        {
            throw Error("invalid escape '\\" + (e is >= 0x20 and < 0x7F ? ((char)e).ToString() : "0x" + e.ToString("X2", CultureInfo.InvariantCulture)) + "': JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        }

        int unit = Hex4(_at + 2);
        _at += 6;
        if (unit is >= 0xD800 and <= 0xDBFF)
        {
            if (_at + 1 < _bytes.Length && _bytes[_at] == '\\' && _bytes[_at + 1] == 'u')
            {
                int low = Hex4(_at + 2);
                if (low is >= 0xDC00 and <= 0xDFFF)
                {
                    s.Append((char)unit).Append((char)low);
                    _at += 6;
                    return;
                }
            }

            _at -= 6;
            throw Error("\\u" + unit.ToString("X4", CultureInfo.InvariantCulture) + " is a high surrogate without a low surrogate after it: not a character");
        }

        if (unit is >= 0xDC00 and <= 0xDFFF)
        {
            _at -= 6;
            throw Error("\\u" + unit.ToString("X4", CultureInfo.InvariantCulture) + " is a low surrogate without a high surrogate before it: not a character");
        }

        s.Append((char)unit);
    }

    private int Hex4(int at)
    {
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            int digit = at + i < _bytes.Length ? HexDigit(_bytes[at + i]) : -1;
            if (digit < 0)
            {
                _at = Math.Min(at + i, _bytes.Length);
                throw Error("a \\u escape needs four hexadecimal digits (\\uXXXX)");
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>One well-formed UTF-8 sequence (RFC 3629: shortest form, no surrogates, at most U+10FFFF), as UTF-16.</summary>
    private string Utf8Sequence()
    {
        byte b = _bytes[_at];
        int length = b switch
        {
            >= 0xC2 and <= 0xDF => 2,
            >= 0xE0 and <= 0xEF => 3,
            >= 0xF0 and <= 0xF4 => 4,
            _ => 0,
        };
        int code = length switch
        {
            2 => b & 0x1F,
            3 => b & 0x0F,
            4 => b & 0x07,
            _ => 0,
        };
        bool valid = length > 0 && _at + length <= _bytes.Length;
        for (int i = 1; valid && i < length; i++)
        {
            byte next = _bytes[_at + i];
            valid = (next & 0xC0) == 0x80;
            code = (code << 6) | (next & 0x3F);
        }

        valid = valid && (length != 3 || (code >= 0x800 && (code < 0xD800 || code > 0xDFFF))) && (length != 4 || (code >= 0x10000 && code <= 0x10FFFF));
        if (!valid)
        {
            throw Error("invalid UTF-8 (byte 0x" + b.ToString("X2", CultureInfo.InvariantCulture) + " at offset " + N(_at) + "): save the file as UTF-8");
        }

        _at += length;
        return char.ConvertFromUtf32(code);
    }

    private void Literal(string word)
    {
        for (int i = 0; i < word.Length; i++)
        {
            if (_at + i >= _bytes.Length || _bytes[_at + i] != word[i])
            {
                throw Error("expected '" + word + "', found " + Describe());
            }
        }

        _at += word.Length;
    }

    private bool Peek(byte b) => _at < _bytes.Length && _bytes[_at] == b;

    private bool PeekDigit() => _at < _bytes.Length && _bytes[_at] >= '0' && _bytes[_at] <= '9';

    private void Expect(byte b)
    {
        if (!Peek(b))
        {
            throw Error("expected '" + (char)b + "', found " + Describe());
        }

        _at++;
    }

    /// <summary>JSON whitespace only: space, tab, line feed, carriage return.</summary>
    private void SkipSpace()
    {
        while (_at < _bytes.Length && _bytes[_at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _at++;
        }
    }

    /// <summary>What is at the current position, visibly (an invisible character is named by its code).</summary>
    private string Describe()
    {
        if (_at >= _bytes.Length)
        {
            return "the end of the file";
        }

        byte b = _bytes[_at];
        if (b is > 0x20 and < 0x7F)
        {
            return "'" + (char)b + "'";
        }

        if (b == 0xEF && _at + 2 < _bytes.Length && _bytes[_at + 1] == 0xBB && _bytes[_at + 2] == 0xBF)
        {
            return "a byte order mark (U+FEFF), which is allowed only at the very start";
        }

        return "the byte 0x" + b.ToString("X2", CultureInfo.InvariantCulture) + (b < 0x80 ? " (a control character)" : " (not ASCII)");
    }

    private (int Line, int Column) Position(int at)
    {
        int line = 1, column = 1;
        int start = _bytes.Length >= 3 && _bytes[0] == 0xEF && _bytes[1] == 0xBB && _bytes[2] == 0xBF ? 3 : 0;
        for (int i = start; i < Math.Min(at, _bytes.Length); i++)
        {
            if (_bytes[i] == '\n')
            {
                line++;
                column = 1;
            }
            else if ((_bytes[i] & 0xC0) != 0x80)
            {
                column++; // continuation bytes do not start a character
            }
        }

        return (line, column);
    }

    private FormatException Error(string problem) => ErrorAt(_at, problem);

    private FormatException ErrorAt(int at, string problem)
    {
        var (line, column) = Position(at);
        return new FormatException("line " + N(line) + ", column " + N(column) + ": " + problem);
    }

    private static string Printable(string text)
    {
        var s = new StringBuilder();
        foreach (char c in text)
        {
            s.Append(c < 0x20 || char.IsSurrogate(c) || c == '\uFEFF' || char.GetUnicodeCategory(c) == UnicodeCategory.Format ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return s.ToString();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
