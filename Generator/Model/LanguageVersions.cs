namespace SlthGen.Generator.Model;

/// <summary>
/// The C# versions the generated code needs, in one place: C# 9 everywhere (records, init,
/// target-typed new, module initialisers), and C# 11 when the project has
/// System.Runtime.Intrinsics.Vector512 (net8.0+), where the emitted batch kernels use static
/// abstract interface members. Below that, SLTH028 says which LangVersion to set.
/// </summary>
internal static class LanguageVersions
{
    /// <summary>What every generated file needs (netstandard2.0 and older frameworks).</summary>
    public const int Required = 9;

    /// <summary>What the generated file needs when the project targets net8.0+ (Vector512 exists).</summary>
    public const int RequiredWithVectors = 11;

    /// <summary>Stands for "latest"/"preview" when the version number is not known.</summary>
    public const int Latest = int.MaxValue;

    /// <summary>The version the generated code needs for a project with or without Vector512.</summary>
    public static int For(bool hasVectors) => hasVectors ? RequiredWithVectors : Required;
}
