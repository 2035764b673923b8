namespace SlthGen.Generator.Tests;

/// <summary>Network declarations the tests compile, as users write them (see Samples/Xor/Networks.cs).</summary>
internal static class NetworkSources
{
    /// <summary>The sample's XOR through Theorem 1 (depth 2ℓ), with (zero) biases declared.</summary>
    public const string Xor = """
        using SlthGen;

        namespace SlthGen.Samples.Xor;

        /// <summary>XOR on [-1, 1]² as a 2-2-1 ReLU network: |x0 − x1| = σ(x0 − x1) + σ(x1 − x0).</summary>
        [TicketNetwork(Seed = 42, Construction = TicketConstruction.Depth2L)]
        [Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
        [Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
        [Layer(2, 1, new[] { 16, 16 })]
        public static partial class Xor
        {
        }
        """;

    /// <summary>The sample's XOR through Theorem 2 (depth ℓ+1, copies of the hidden neurons).</summary>
    public const string XorShallow = """
        using SlthGen;

        namespace SlthGen.Samples.Xor;

        /// <summary>The same function through Theorem 2.</summary>
        [TicketNetwork(Seed = 7, Construction = TicketConstruction.DepthLPlus1)]
        [Precision(TargetBits = 4, InitBits = 6, TicketBits = 4, ActivationBits = 4)]
        [Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
        [Layer(2, 1, new[] { 16, 16 })]
        public static partial class XorShallow
        {
        }
        """;

    /// <summary>
    /// Three layers of odd widths (3 → 5 → 3 → 1) with weights 0, ±1 (= ±4 units of 2^-2) and
    /// ±1 unit, and biases on the hidden layers.
    /// </summary>
    public const string ThreeLayer = """
        using SlthGen;

        namespace Nets;

        /// <summary>A 3-5-3-1 network with sparse ±1 weights.</summary>
        [TicketNetwork(Seed = 11)]
        [Precision(TargetBits = 2, InitBits = 4, TicketBits = 1, ActivationBits = 2)]
        [Layer(3, 5, new[]
        {
            4, 0, -4,
            0, 4, 0,
            -4, -4, 0,
            1, 0, 4,
            0, -1, 0,
        }, Biases = new[] { 0, 1, 0, -1, 4 })]
        [Layer(5, 3, new[]
        {
            4, -4, 0, 0, 1,
            0, 0, 4, -1, 0,
            -4, 4, 4, 0, 0,
        }, Biases = new[] { -1, 0, 1 })]
        [Layer(3, 1, new[] { 4, -4, 1 })]
        public static partial class ThreeLayer
        {
        }
        """;

    /// <summary>A network nested two classes deep inside a block-scoped namespace.</summary>
    public const string Nested = """
        using SlthGen;

        namespace Outer.Space
        {
            /// <summary>A static container.</summary>
            public static partial class Container
            {
                /// <summary>A non-static middle class.</summary>
                internal sealed partial class Middle
                {
                    /// <summary>y = x + 1/4, one layer.</summary>
                    [TicketNetwork(Seed = 5)]
                    [Precision(TargetBits = 2, InitBits = 3, TicketBits = 1, ActivationBits = 2, InputMin = -2, InputMax = 2)]
                    [Layer(1, 1, new[] { 4 }, Biases = new[] { 1 })]
                    internal static partial class Doubler
                    {
                    }
                }
            }
        }
        """;

    /// <summary>
    /// Inputs beyond int16 with 32-bit sums: the reference cannot use the 16-bit packed kernels and
    /// falls back to 32-bit dot products. y = x0 − x1/4 (units of 1/4), x in [-40000, 40000].
    /// </summary>
    public const string WideInputs = """
        using SlthGen;

        namespace Nets;

        /// <summary>y = x0 − x1/4 on [-40000, 40000]² (units of 1/4).</summary>
        [TicketNetwork(Seed = 21)]
        [Precision(TargetBits = 2, InitBits = 4, TicketBits = 1, ActivationBits = 2, InputMin = -40000, InputMax = 40000)]
        [Layer(2, 1, new[] { 4, -1 })]
        public static partial class WideInputs
        {
        }
        """;

    /// <summary>
    /// Sums beyond int32 with 32-bit outputs: the reference falls back to 64-bit loops.
    /// y = (x0 + x1)/2 (units of 1/2), x in [-10^9, 10^9]: |4·x0 + 4·x1| reaches 8·10^9.
    /// </summary>
    public const string WideSums = """
        using SlthGen;

        namespace Nets;

        /// <summary>y = (x0 + x1)/2 on [-10^9, 10^9]² (units of 1/2).</summary>
        [TicketNetwork(Seed = 22)]
        [Precision(TargetBits = 2, InitBits = 4, TicketBits = 1, ActivationBits = 1, InputMin = -1000000000, InputMax = 1000000000)]
        [Layer(2, 1, new[] { 2, 2 })]
        public static partial class WideSums
        {
        }
        """;

    /// <summary>A one-layer network declared as a record class (allowed by AttributeTargets.Class).</summary>
    public const string RecordNetwork = """
        using SlthGen;

        namespace Nets;

        /// <summary>y = ReLU-free x0 − x1 on [-1, 1]².</summary>
        [TicketNetwork(Seed = 9)]
        [Precision(TargetBits = 2, InitBits = 4, TicketBits = 1, ActivationBits = 2)]
        [Layer(2, 1, new[] { 4, -4 })]
        public sealed partial record Difference;
        """;
}
