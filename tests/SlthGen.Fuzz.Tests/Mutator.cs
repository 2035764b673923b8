using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SlthGen.Fuzz.Tests;

/// <summary>Seeded mutations of weight files: bytes, NumPy headers and JSON text.</summary>
internal static class Mutator
{
    private static readonly string[] Descrs = { "<f4", "<f8", "<u2", ">i4", "|b1", "<i8", "<U3", "|u1", "<u8", "<c8", "i2", "<i3", "|O" };
    private static readonly string[] Keys = { "\"Weights\"", "\"bias\"", "\"Biases\"", "\"biases \"", "\"layer\"", "\"weights\"", "\"b\\u0069ases\"", "\"wei\\u00ghts\"" };

    /// <summary>Applies 1–3 mutations suited to the format (".npz", ".npy" or ".json").</summary>
    public static byte[] Mutate(byte[] bytes, string format, Random random)
    {
        int count = random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            bytes = random.Next(3) == 0 ? Bytes(bytes, random) : format == ".json" ? Json(bytes, random) : Numpy(bytes, random);
        }

        return bytes;
    }

    private static byte[] Bytes(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        int at = list.Count == 0 ? 0 : random.Next(list.Count);
        switch (random.Next(6))
        {
            case 0 when list.Count > 0:
                list[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when list.Count > 0:
                list[at] = (byte)random.Next(256);
                break;
            case 2:
                return bytes.Take(at).ToArray();
            case 3:
                list.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                break;
            case 4 when list.Count > 0:
                list.RemoveRange(at, Math.Min(list.Count - at, random.Next(1, 16)));
                break;
            default:
                list.InsertRange(at, list.Skip(at).Take(random.Next(1, 32)).ToList());
                break;
        }

        return list.ToArray();
    }

    private static byte[] Numpy(byte[] bytes, Random random)
    {
        // Header edits keep the length (NumPy pads headers with spaces), so they reach the parser.
        string text = Encoding.Latin1.GetString(bytes);
        switch (random.Next(6))
        {
            case 0:
                text = ReplaceFirst(text, text.IndexOf("'descr': '", StringComparison.Ordinal) is int d and >= 0 ? text.Substring(d + 10, 3) : "<i1", Descrs[random.Next(Descrs.Length)]);
                break;
            case 1:
                text = ReplaceFirst(text, "'shape': (", "'shape': (" + new[] { "20000000, ", "0, ", "3, ", "99999999999, ", "-1, " }[random.Next(5)]);
                break;
            case 2:
                text = ReplaceFirst(text, "False", random.Next(2) == 0 ? "True " : "None ");
                break;
            case 3:
                text = ReplaceFirst(text, "'fortran_order'", "'fortran_ordex'");
                break;
            case 4:
                text = ReplaceFirst(text, ", }", ", 'x': 1}");
                break;
            default:
                int version = text.IndexOf("NUMPY", StringComparison.Ordinal);
                if (version >= 0 && version + 5 < text.Length)
                {
                    text = text.Substring(0, version + 5) + (char)random.Next(0, 5) + text.Substring(version + 6);
                }

                break;
        }

        return Encoding.Latin1.GetBytes(text);
    }

    private static byte[] Json(byte[] bytes, Random random)
    {
        string text = Encoding.UTF8.GetString(bytes);
        switch (random.Next(9))
        {
            case 0:
                text = ReplaceFirst(text, random.Next(2) == 0 ? "\"weights\"" : "\"biases\"", Keys[random.Next(Keys.Length)]);
                break;
            case 1:
                return new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray();
            case 2:
                int depth = random.Next(1, 200_000);
                text = ReplaceFirst(text, "[", new string('[', depth));
                break;
            case 3:
                text = ReplaceFirst(text, "1", new[] { "99999999999999999999", "4294967296", "1.5", "1e3", "-0", "01", "2147483648", "-2147483649", "NaN" }[random.Next(9)]);
                break;
            case 4:
                text = ReplaceFirst(text, "]", new[] { ",]", "] // c", "]]", "" }[random.Next(4)]);
                break;
            case 5:
                text = ReplaceFirst(text, "\"layers\"", new[] { "'layers'", "layers", "\"lay\\u0065rs\"", "\"layers\u0000\"", "\"layers\\ud800\"" }[random.Next(5)]);
                break;
            case 6:
                text = ReplaceFirst(text, "{", "{\"extra\": {\"deep\": [1, 2]}, ");
                break;
            case 7:
                var raw = Encoding.UTF8.GetBytes(text).ToList();
                raw.Insert(raw.Count == 0 ? 0 : random.Next(raw.Count), new byte[] { 0xFF, 0xC0, 0xED, 0xF5, 0x80 }[random.Next(5)]);
                return raw.ToArray();
            default:
                text = ReplaceFirst(text, "\"biases\"", "\"biases\": null, \"x\"");
                break;
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        int at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : text.Substring(0, at) + with + text.Substring(at + what.Length);
    }
}
