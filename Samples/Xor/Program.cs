using System;
using SlthGen;
using SlthGen.Samples.Xor;

// Usage: Xor [--export xor.npz] [--export-shallow xor-shallow.npz] [--sparse]
// --export writes the Theorem 1 ticket (Xor), --export-shallow the Theorem 2 ticket (XorShallow),
// in the dense layout slthgen-ticket/1, or with --sparse in the CSR layout slthgen-ticket/2.
string? deep = null, shallow = null;
bool sparse = false;
for (int a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--export" when a + 1 < args.Length: deep = args[++a]; break;
        case "--export-shallow" when a + 1 < args.Length: shallow = args[++a]; break;
        case "--sparse": sparse = true; break;
        default:
            Console.Error.WriteLine($"Unknown argument {args[a]}. Usage: Xor [--export xor.npz] [--export-shallow xor-shallow.npz] [--sparse]");
            return 2;
    }
}

Export(deep, Xor.InterpretedTicket, "Xor (Theorem 1)", sparse);
Export(shallow, XorShallow.InterpretedTicket, "XorShallow (Theorem 2)", sparse);
Show("Xor (Theorem 1, depth 2ℓ)", Xor.Ticket, Xor.Verify(), Xor.Evaluate);
Show("XorShallow (Theorem 2, depth ℓ+1)", XorShallow.Ticket, XorShallow.Verify(), XorShallow.Evaluate);
return Xor.Verify().Passed && XorShallow.Verify().Passed ? 0 : 1;

static void Export(string? path, Ticket ticket, string name, bool sparse)
{
    if (path is null)
    {
        return;
    }

    using (var file = System.IO.File.Create(path))
    {
        TicketFile.Write(ticket, file, compress: true, sparse);
    }

    Console.WriteLine($"Wrote {path}: the {name} ticket as .npz, {(sparse ? TicketFile.SparseFormat : TicketFile.Format)} (see docs/ticket-format.md).");
}

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
