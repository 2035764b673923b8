using SlthGen;
using SlthGen.CompileTargets;

// The generated facts: every kept weight is g's seeded weight; ticket == reference == interpreted
// target on 4,096 seeded inputs plus every corner; batch == scalar (about 30 s in all).
[assembly: TicketTests(typeof(LargeTicket))]
