using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Emitting;

/// <summary>
/// Hint names of generated files: readable, deterministic and unique. The readable part keeps
/// the namespace and type names with characters a file name may not hold replaced by '_'; when
/// that replacement changed anything (e.g. U+203F, a legal identifier character, and '_' would
/// otherwise give the same name), or when another network's name is the same ignoring case
/// (Roslyn compares hint names ignoring case), a 64-bit FNV-1a hash of the exact full name
/// follows, so two different networks never share a hint name.
/// </summary>
internal static class HintNames
{
    /// <summary>The hint name of a network's file: "Namespace.Outer+Inner.Name{suffix}[-hash].g.cs".</summary>
    /// <param name="type">The network.</param>
    /// <param name="suffix">What distinguishes this file among the network's files.</param>
    /// <param name="ambiguous">Exact names (<see cref="Exact"/>) that share their readable form, ignoring case, with another network's: these get the hash too.</param>
    public static string For(TypeShape type, string suffix, IReadOnlyCollection<string>? ambiguous = null)
    {
        string exact = Exact(type);
        string readable = Sanitize(exact);
        bool hashed = readable != exact || (ambiguous is not null && ambiguous.Contains(exact));
        return readable + (hashed ? "-" + Hash(exact) : string.Empty) + suffix + ".g.cs";
    }

    /// <summary>
    /// Of the given networks, the exact names whose readable names are equal ignoring case
    /// (Roslyn compares hint names ignoring case: classes Net and NET would collide). Sorted, so
    /// the pipeline value is stable; usually empty.
    /// </summary>
    public static EquatableArray<string> Ambiguous(IEnumerable<TypeShape> types)
    {
        var exact = types.Select(Exact).Distinct(StringComparer.Ordinal).ToList();
        var ambiguous = exact
            .Where(e => Sanitize(e) == e)
            .GroupBy(e => e, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g)
            .OrderBy(e => e, StringComparer.Ordinal);
        return new EquatableArray<string>(ambiguous.ToArray());
    }

    /// <summary>The network's name with namespace and containing types, unescaped: "Namespace.Outer+Inner.Name".</summary>
    public static string Exact(TypeShape type)
    {
        var types = type.ContainingTypes.Select(d => d.Substring(d.LastIndexOf(' ') + 1)).Concat(new[] { type.Name }).Select(Unescape);
        return (type.Namespace.Length > 0 ? Unescape(type.Namespace) + "." : string.Empty) + string.Join("+", types);
    }

    /// <summary>Keeps ASCII letters, digits, '_', '.' and '+'; everything else becomes '_'.</summary>
    public static string Sanitize(string name)
    {
        var s = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            s.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '+' ? c : '_');
        }

        return s.ToString();
    }

    private static string Unescape(string name) => name.Replace("@", string.Empty);

    private static string Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
