using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SlthGen.Fuzz.Tests;

/// <summary>
/// Seeded declarations: random attribute values (bit counts, constructions, widths, input
/// ranges, MSBuild options), hostile names (keywords, non-ASCII identifiers, names of generated
/// members, taken test class names) and huge declared shapes. Each batch of cases is one
/// compilation (one file and namespace per case). Every case: no generator exception; every
/// diagnostic an SLTH error at a location in the case's file; a case without diagnostics
/// generates code that compiles and whose Verify() passes.
/// </summary>
public sealed class AttributeFuzzTests
{
    /// <summary>Cases per run (seeds 0…Cases-1), in batches.</summary>
    public const int Cases = 240;

    private const int Batch = 12;

    /// <summary>Seeds that once failed; they run first, every time.</summary>
    public static readonly int[] RegressionSeeds = Array.Empty<int>();

    private static readonly string[] SafeNames = { "Net", "@event", "@class", "Ünïcödé", "A‿B", "A_B", "Net2", "X" + new string('y', 300), "@static", "NET", "net", "@record" };
    private static readonly string[] HostileNames = { "Ticket", "Evaluate", "Verify", "TargetNetwork", "SlthGenImplementation" };
    private static readonly string[] SafeMembers = { string.Empty, "public static void Helper() { }", "internal const int Other = 1;" };
    private static readonly string[] HostileMembers = { "public static int Evaluate() => 0;", "public const int InputCount = 1;", "private static class SlthGenImplementation { }", "public static object? Ticket;" };

    [Fact]
    public void Random_declarations_give_a_located_error_or_a_verified_ticket()
    {
        var seeds = RegressionSeeds.Concat(Enumerable.Range(0, Cases)).ToList();
        int accepted = 0, refused = 0;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int start = 0; start < seeds.Count; start += Batch)
        {
            var batch = seeds.Skip(start).Take(Batch).ToList();
            var cases = batch.Select(Declare).ToList();
            var properties = new List<(string, string)> { ("SlthGen_MaxWidth", "48"), ("SlthGen_SolveWorkBudget", "268435456"), ("SlthGen_EmitTests", "false") };
            var random = new Random(batch[0]);
            if (random.Next(4) == 0)
            {
                properties.Add((new[] { "SlthGen_MaxTargetParameters", "SlthGen_MaxKeptWeights", "SlthGen_MaxGParameters", "SlthGen_SolverBudget", "SlthGen_TableThreshold" }[random.Next(5)], random.Next(0, 64).ToString(CultureInfo.InvariantCulture)));
            }

            string context = "seeds " + string.Join(",", batch);
            var (output, diagnostics, result) = FuzzHarness.Run(cases.Select(c => (c.Path, c.Source)), Array.Empty<string>(), properties);
            FuzzHarness.AssertNoCrashAndLocated(diagnostics, result, context);
            foreach (var d in diagnostics)
            {
                ids[d.Id] = ids.GetValueOrDefault(d.Id) + 1;

            }

            var verified = new List<string>();
            foreach (var c in cases)
            {
                var mine = diagnostics.Where(d => d.Location.GetLineSpan().Path == c.Path).ToList();
                if (mine.Count == 0 && !diagnostics.Any(d => d.Id == "SLTH019"))
                {
                    verified.Add(c.MetadataName);
                    accepted++;
                }
                else
                {
                    refused++;
                }
            }

            if (verified.Count > 0)
            {
                FuzzHarness.AssertCompilesAndVerifies(output, verified, context);
            }
        }

        string mix = string.Join(", ", ids.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " × " + p.Value));
        Assert.True(accepted > Cases / 10, $"only {accepted} of {seeds.Count} declarations were accepted ({mix})");
        Assert.True(refused > Cases / 10, $"only {refused} of {seeds.Count} declarations were refused");
    }

    private static (string Path, string Source, string MetadataName) Declare(int seed)
    {
        var random = new Random(unchecked((seed * 7919) + 17));
        bool hostile = random.Next(2) == 0; // half the cases are valid declarations with unusual names
        int targetBits = random.Next(1, 7);
        int ticketBits = (targetBits + 1) / 2 + random.Next(0, 2);
        int initBits = ticketBits + random.Next(0, 3);
        int activationBits = random.Next(1, 6);
        int construction = 0;
        if (random.Next(3) == 0)
        {
            construction = 1;
            ticketBits = Math.Max(ticketBits, targetBits);
            initBits = Math.Max(initBits, ticketBits);
        }

        // Now and then a value outside what is allowed.
        switch (hostile ? random.Next(8) : 99)
        {
            case 0: targetBits = new[] { 0, -3, 31, 64 }[random.Next(4)]; break;
            case 1: initBits = ticketBits - 1; break;
            case 2: construction = new[] { 2, -1, 5 }[random.Next(3)]; break;
            case 3: ticketBits = Math.Max(1, targetBits / 3); break;
        }

        var network = RandomNetwork.Draw(random, Math.Clamp(targetBits, 1, 6));
        string layers = network.ToAttributes();
        switch (hostile ? random.Next(8) : 99)
        {
            case 0: layers = "[Layer(100000, 100000, new int[0])]"; break; // a huge declared shape
            case 1: layers = "[Layer(2, 1, new[] { 1, 2, 3 })]"; break;
            case 2: layers += "\n[Layer(7, 1, new[] { 1, 1, 1, 1, 1, 1, 1 })]"; break;
            case 3: layers = "[Layer(1, 1, new[] { 1 << 20 })]"; break;
            case 4: layers = "[Layer(-1, 0, null!)]"; break;
        }

        string widths = (hostile ? random.Next(5) : 9) switch
        {
            0 => ", HiddenPerInput = " + new[] { -1, 1, 3, 100000, int.MaxValue }[random.Next(5)],
            1 => ", Copies = " + new[] { -2, 1, 2, 5000 }[random.Next(4)],
            _ => string.Empty,
        };
        int gamma = 1 << Math.Clamp(activationBits, 1, 30);
        string range = (hostile ? random.Next(5) : random.Next(2) * 4) switch
        {
            0 => ", InputMin = " + ((double)random.Next(-3, 1) / gamma).ToString("R", CultureInfo.InvariantCulture) + ", InputMax = " + ((double)random.Next(0, 3) / gamma).ToString("R", CultureInfo.InvariantCulture),
            1 => ", InputMin = 0.3",
            2 => ", InputMin = 1e300",
            3 => $", InputMin = {random.Next(0, 2)}, InputMax = {random.Next(-1, 2)}",
            _ => string.Empty,
        };
        string name = random.Next(2) == 0 ? "Net" : hostile && random.Next(3) == 0 ? HostileNames[random.Next(HostileNames.Length)] : SafeNames[random.Next(SafeNames.Length)];
        string member = hostile && random.Next(3) == 0 ? HostileMembers[random.Next(HostileMembers.Length)] : SafeMembers[random.Next(SafeMembers.Length)];
        if (member.Contains(" " + name.TrimStart('@') + " ", StringComparison.Ordinal) || member.Contains(" " + name.TrimStart('@') + "(", StringComparison.Ordinal))
        {
            member = string.Empty; // a member named like its class is the user's own error (CS0542)
        }
        bool nested = random.Next(4) == 0;
        string ns = "Fuzz.Case" + seed + (random.Next(6) == 0 ? ".@namespace.Ünï" : string.Empty);
        string classDeclaration = $$"""
            /// <summary>Net.</summary>
            [TicketNetwork(Seed = {{random.NextInt64(-1000, 1000)}}, Construction = (TicketConstruction)({{construction}}){{widths}})]
            [Precision(TargetBits = {{targetBits}}, InitBits = {{initBits}}, TicketBits = {{ticketBits}}, ActivationBits = {{activationBits}}{{range}})]
            {{layers}}
            public static partial class {{name}}
            {
                /// <summary>User code.</summary>
                {{member}}
            }
            """;
        string body = nested ? "/// <summary>Outer.</summary>\npublic static partial class @Outer\n{\n" + classDeclaration + "\n}" : classDeclaration;
        string source = "using SlthGen;\n\nnamespace " + ns + "\n{\n" + body + "\n}\n";
        string metadataNamespace = ns.Replace("@", string.Empty, StringComparison.Ordinal);
        string metadataName = metadataNamespace + "." + (nested ? "Outer+" : string.Empty) + name.Replace("@", string.Empty, StringComparison.Ordinal);
        return ($"/src/Case{seed}.cs", source, metadataName);
    }
}
