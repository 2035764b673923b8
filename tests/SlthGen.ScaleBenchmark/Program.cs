using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using SlthGen;

// Usage: dotnet run -c Release --project tests/SlthGen.ScaleBenchmark -- [--inputs signed|unsigned] [--seed N] [--threads N] [--ticket-bits B (0 = automatic)] [--blocks adaptive|fixed] [--shape 784,500,10] [--theorem 1|2]
// Builds a ticket for a 784-500-10 target (no biases, random 4-bit weights, δt = 2^-4) with
// Theorem 1 at δ = 2^-2 (g drawn at δin = 2^-8), verifies it, and reports time and memory.
// --theorem 2 uses Theorem 2 (depth ℓ+1) instead; it needs δ ≤ δt, so pass --ticket-bits 4 or more (or 0).
string inputs = Arg("--inputs", "signed");
long seed = long.Parse(Arg("--seed", "1"), CultureInfo.InvariantCulture);
int threads = int.Parse(Arg("--threads", "-1"), CultureInfo.InvariantCulture);
int ticketBits = int.Parse(Arg("--ticket-bits", "2"), CultureInfo.InvariantCulture);
var blocks = Arg("--blocks", "adaptive") == "fixed" ? BlockLayout.Fixed : BlockLayout.Adaptive;
var construction = Arg("--theorem", "1") == "2" ? TicketConstruction.DepthLPlus1 : TicketConstruction.Depth2L;
int[] shape = Arg("--shape", "784,500,10").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

var random = new SeededRandom(seed);
var layers = new List<TargetLayer>();
for (int i = 1; i < shape.Length; i++)
{
    var w = new long[shape[i] * shape[i - 1]];
    for (int k = 0; k < w.Length; k++)
    {
        w[k] = random.NextWeight(4);
    }

    layers.Add(new TargetLayer(shape[i - 1], shape[i], w));
}

long inputMin = inputs == "unsigned" ? 0 : -16;
var target = new TargetNetwork(layers, new Precision(4), new Precision(4), inputMin, 16);
var settings = ticketBits == 0
    ? new TicketSettings(seed, construction, new Precision(8)) { MaxDegreeOfParallelism = threads, Blocks = blocks }
    : new TicketSettings(seed, construction, new Precision(8), new Precision(ticketBits)) { MaxDegreeOfParallelism = threads, Blocks = blocks };

Console.WriteLine($"target {string.Join("-", shape)}, δt = 2^-4, γ = 2^-4, inputs in [{inputMin}, 16]/16; {(construction == TicketConstruction.Depth2L ? "Theorem 1" : "Theorem 2")}, δin = 2^-8, δ = {(ticketBits == 0 ? "automatic" : "2^-" + ticketBits)}, {blocks} blocks; {Environment.ProcessorCount} cores");
var clock = Stopwatch.StartNew();
var ticket = TicketBuilder.BuildOrThrow(target, settings);
clock.Stop();
var built = clock.Elapsed;
using var process = Process.GetCurrentProcess();
process.Refresh();
long peak = process.PeakWorkingSet64;
Console.WriteLine(ticket.Info);
Console.WriteLine($"wall time to build the ticket: {built.TotalSeconds:0.000} s");
Console.WriteLine($"peak working set: {peak / (1024.0 * 1024.0):0} MiB");

clock.Restart();
var weights = TicketVerifier.VerifyWeights(ticket);
var function = TicketVerifier.VerifyFunction(ticket, samples: 200, seed: seed);
clock.Stop();
Console.WriteLine($"kept weights re-derived from the seed: {(weights is null ? "all equal" : weights)}");
Console.WriteLine($"{function} [{clock.Elapsed.TotalSeconds:0.0} s]");
return weights is null && function.Passed ? 0 : 1;

string Arg(string name, string fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
