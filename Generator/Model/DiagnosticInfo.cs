using System;
using Microsoft.CodeAnalysis;

namespace SlthGen.Generator.Model;

/// <summary>A diagnostic as a value: descriptor, location and message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
    {
        var text = new string[arguments.Length];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = Convert.ToString(arguments[i], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new DiagnosticInfo(descriptor, location, new EquatableArray<string>(text));
    }

    public Diagnostic ToDiagnostic(SourceTrees? trees = null) => Diagnostic.Create(Descriptor, Location?.ToLocation(trees), Arguments.ToArray());
}
