using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using SlthGen.Generator.Diagnostics;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Parsing;

/// <summary>The networks named by <c>[assembly: TicketTests(typeof(N))]</c> in one file.</summary>
internal sealed record TestTarget(EquatableArray<TypeShape> Networks, EquatableArray<DiagnosticInfo> Diagnostics);

internal static class TestTargetParser
{
    public static TestTarget Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var networks = new List<TypeShape>();
        var diagnostics = new List<DiagnosticInfo>();
        var compiling = context.SemanticModel.Compilation.Assembly;
        foreach (var attribute in context.Attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Null and unresolved types are the compiler's to report.
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not ITypeSymbol type || type.TypeKind == TypeKind.Error)
            {
                continue;
            }

            bool isNetwork = false;
            foreach (var a in type is INamedTypeSymbol ? type.GetAttributes() : ImmutableArray<AttributeData>.Empty)
            {
                isNetwork |= a.AttributeClass?.ToDisplayString() == NetworkParser.TicketNetworkAttribute;
            }

            if (!isNetwork)
            {
                var location = attribute.ApplicationSyntaxReference is { } r ? LocationInfo.From(r.GetSyntax(cancellationToken)) : null;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotATicketNetwork, location, type.ToDisplayString()));
                continue;
            }

            // A network of this compilation already gets its tests with its code.
            if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compiling))
            {
                networks.Add(NetworkParser.Shape((INamedTypeSymbol)type));
            }
        }

        return new TestTarget(new EquatableArray<TypeShape>(networks.ToArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }
}
