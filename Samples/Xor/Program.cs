using System;
using SlthGen;
using SlthGen.Samples.Xor;

if (args is ["--export", var path])
{
    using var file = System.IO.File.Create(path);
    TicketFile.Write(Xor.InterpretedTicket, file);
    Console.WriteLine($"Wrote {path}: the Xor ticket as .npz (see docs/ticket-format.md).");
}

Show("Xor (Theorem 1, depth 2ℓ)", Xor.Ticket, Xor.Verify(), Xor.Evaluate);
Show("XorShallow (Theorem 2, depth ℓ+1)", XorShallow.Ticket, XorShallow.Verify(), XorShallow.Evaluate);
return Xor.Verify().Passed && XorShallow.Verify().Passed ? 0 : 1;

static void Show(string title, TicketInfo info, VerificationResult verification, NetworkEvaluator evaluate)
{
    Console.WriteLine("== " + title);
    Console.WriteLine(info);
    Span<int> output = stackalloc int[1];
    foreach (var (a, b) in new[] { (0, 0), (0, 16), (16, 0), (16, 16), (8, -4) })
    {
        evaluate(new[] { a, b }, output);
        Console.WriteLine($"  ticket({a / 16.0,5:0.##}, {b / 16.0,5:0.##}) = {output[0] / 16.0:0.####}");
    }

    Console.WriteLine("  " + verification);
    Console.WriteLine();
}
