using System;

namespace SlthGen.Generator.Tests.Infrastructure;

/// <summary>
/// Generator runs and compiled images of the sample networks, made once per test process and
/// shared by the tests that only read them (a run is immutable), to keep the suite quick.
/// </summary>
internal static class SharedRuns
{
    public static readonly SharedNetwork Xor = new(NetworkSources.Xor);

    public static readonly SharedNetwork XorShallow = new(NetworkSources.XorShallow);

    public static readonly SharedNetwork ThreeLayer = new(NetworkSources.ThreeLayer);

    public static readonly SharedNetwork Nested = new(NetworkSources.Nested);

    public static readonly SharedNetwork WideInputs = new(NetworkSources.WideInputs);

    public static readonly SharedNetwork WideSums = new(NetworkSources.WideSums);

    public static readonly SharedNetwork WideSumsTable = new(NetworkSources.WideSums, TestOptionsProvider.FromProperties(("SlthGen_TableThreshold", "0")));

    public static readonly SharedNetwork XorTable = new(NetworkSources.Xor, TestOptionsProvider.FromProperties(("SlthGen_TableThreshold", "0")));
}

/// <summary>One network's generator run (checked clean: no diagnostics, compiles without warnings) and its image.</summary>
internal sealed class SharedNetwork
{
    private readonly Lazy<GeneratorRun> _run;
    private readonly Lazy<byte[]> _image;

    public SharedNetwork(string source, TestOptionsProvider? options = null)
    {
        _run = new Lazy<GeneratorRun>(() => GeneratorHarness.Run(source, options).AssertCleanAndCompiles());
        _image = new Lazy<byte[]>(() => GeneratorHarness.Emit(Run.Output));
    }

    public GeneratorRun Run => _run.Value;

    public GeneratedAssembly Load() => GeneratedAssembly.Load(_image.Value);
}
