using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SlthGen.Generator.Tests.Infrastructure;

namespace SlthGen.Generator.Tests;

/// <summary>
/// <c>[assembly: TicketTests(typeof(N))]</c> in a test project emits the tests of a network
/// declared in a referenced library, and they compile and pass.
/// </summary>
public sealed class ReferencedNetworkTests
{
    private const string HintName = "SlthGen.Samples.Xor.Xor.ReferencedTests.g.cs";

    private static readonly Lazy<CompiledLibrary> SharedLibrary = new(() =>
    {
        // The library does not reference xunit, so it carries no tests of its own.
        var compilation = GeneratorHarness.CreateCompilation(new[] { ("/lib/Networks.cs", NetworkSources.Xor) }, xunit: false, assemblyName: "SlthGen.Samples.Library");
        var run = GeneratorHarness.Run(compilation).AssertCleanAndCompiles();
        Assert.Equal("SlthGen.Samples.Xor.Xor.g.cs", Assert.Single(run.Sources).HintName);
        var image = GeneratorHarness.Emit(run.Output);
        return new CompiledLibrary(image, MetadataReference.CreateFromImage(image));
    });

    internal static CompiledLibrary Library() => SharedLibrary.Value;

    [Fact]
    public void Tests_for_a_referenced_network_are_emitted_compile_and_pass()
    {
        var library = Library();
        var compilation = GeneratorHarness.CreateCompilation(
            new[] { ("/tests/AssemblyInfo.cs", "using SlthGen;\n\n[assembly: TicketTests(typeof(SlthGen.Samples.Xor.Xor))]\n") },
            assemblyName: "SlthGen.Samples.Library.Tests",
            extraReferences: new[] { library.Reference });
        var run = GeneratorHarness.Run(compilation).AssertCleanAndCompiles();
        Assert.Equal(HintName, Assert.Single(run.Sources).HintName);
        ApprovedFiles.Verify(nameof(Tests_for_a_referenced_network_are_emitted_compile_and_pass), run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));

        using var tests = GeneratedAssembly.Load(run.Output, library.Image);
        var type = tests.Assembly.GetType("SlthGen.Samples.Xor.XorTicketTests", throwOnError: true)!;
        var facts = type.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null).ToList();
        Assert.Equal(3, facts.Count);
        object instance = Activator.CreateInstance(type)!;
        foreach (var fact in facts)
        {
            fact.Invoke(instance, null);
        }
    }

    [Fact]
    public void A_referenced_type_that_is_not_a_network_is_reported()
    {
        var library = Library();
        const string Source = "using SlthGen;\n\n[assembly: TicketTests(typeof(SlthGen.Samples.Xor.Xor.SlthGenUnrelated))]\n";
        var compilation = GeneratorHarness.CreateCompilation(
            new[] { ("/tests/AssemblyInfo.cs", Source.Replace("SlthGen.Samples.Xor.Xor.SlthGenUnrelated", "System.Math", StringComparison.Ordinal)) },
            extraReferences: new[] { library.Reference });
        var run = GeneratorHarness.Run(compilation);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SLTH022", diagnostic.Id);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(run.Sources);
    }

    internal sealed record CompiledLibrary(byte[] Image, MetadataReference Reference);
}
