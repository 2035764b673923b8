using SlthGen.Generator.Model;

namespace SlthGen.Generator.Emitting;

/// <summary>
/// How unrolled kernel code writes its arithmetic: generic over a lane type (net8.0+: one text
/// that the JIT specialises for one sample and each SIMD width) or plain scalar integers, 32 or
/// 64 bits per layer (netstandard2.0). The term lists are shared, so both compute the same sums
/// in the same order.
/// </summary>
internal abstract class KernelDialect
{
    /// <summary>The declaration of hidden buffer h{layer}.</summary>
    public abstract string Buffer(int layer, int rows, int stackBytes);

    public abstract string Call(string method, string input, string output);

    public abstract string Signature(string method, int layer, bool last);

    /// <summary>Declares acc (and s, the running sum of a weight group, when the method has terms).</summary>
    public abstract string Declare(int layer, bool hasTerms);

    public abstract string Initial(int layer, long constant);

    /// <summary>s += x[source].</summary>
    public abstract string AddInput(int source);

    /// <summary>acc += weight · s, without a multiply for ±1 and ±powers of two.</summary>
    public abstract string AddScaled(int layer, long weight);

    public abstract string Store(int layer, bool relu, int shift, bool last);

    /// <summary>The shift for |weight| a power of two above 1, else -1.</summary>
    protected static int PowerOfTwo(long weight)
    {
        long magnitude = System.Math.Abs(weight);
        if (magnitude < 2 || (magnitude & (magnitude - 1)) != 0)
        {
            return -1;
        }

        int shift = 0;
        while ((1L << shift) != magnitude)
        {
            shift++;
        }

        return shift;
    }
}

/// <summary>
/// Generic lanes: methods are declared over T, the lane type, and L, its <c>ILanes&lt;T&gt;</c>
/// operations; call sites and buffers name the lane types in use (T and L, or N and NL for the
/// 16-bit lanes of a mixed kernel's leading layers).
/// </summary>
internal sealed class LanesDialect : KernelDialect
{
    private const string Constraints = " where T : unmanaged where L : struct, global::SlthGen.ILanes<T>";

    private readonly string _lane;
    private readonly string _operations;

    public LanesDialect(string lane = "T", string operations = "L")
    {
        _lane = lane;
        _operations = operations;
    }

    public override string Buffer(int layer, int rows, int stackBytes)
    {
        string name = "h" + Literals.Int(layer);
        string n = Literals.Int(System.Math.Max(rows, 1));
        string t = _lane;
        // Scalars (one sample) on the stack; SIMD lanes in KernelScratch, whose buffers start on a
        // 64-byte boundary (stackalloc does not align vectors, so every load would cross two
        // cache lines). The JIT folds the condition for each lane type.
        return "global::System.Span<" + t + "> " + name + " = global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + t + ">() <= 8 && " + n + " * global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + t + ">() <= " + Literals.Int(stackBytes) + " ? stackalloc " + t + "[" + n + "] : global::SlthGen.KernelScratch<" + t + ">.Get(" + Literals.Int(layer) + ", " + n + ");";
    }

    public override string Call(string method, string input, string output) => method + "<" + _lane + ", " + _operations + ">(" + input + ", " + output + ");";

    public override string Signature(string method, int layer, bool last) => "private static void " + method + "<T, L>(global::System.ReadOnlySpan<T> x, global::System.Span<T> y)" + Constraints;

    public override string Declare(int layer, bool hasTerms) => hasTerms ? "T acc, s;" : "T acc;";

    public override string Initial(int layer, long constant) => constant == 0 ? "L.Zero" : "L.Create(" + Literals.Long(constant) + ")";

    public override string AddInput(int source) => "s = L.Add(s, x[" + Literals.Int(source) + "]);";

    public override string AddScaled(int layer, long weight) => Scaled("acc", "s", weight);

    public override string Store(int layer, bool relu, int shift, bool last) => Stored("acc", relu, shift);

    /// <summary>acc += weight · s with L's operations, without a multiply for ±1 and ±powers of two.</summary>
    public static string Scaled(string acc, string s, long weight)
    {
        string op = weight < 0 ? "Subtract" : "Add";
        int shift = PowerOfTwo(weight);
        return System.Math.Abs(weight) == 1 ? acc + " = L." + op + "(" + acc + ", " + s + ");"
            : shift > 0 ? acc + " = L." + op + "(" + acc + ", L.ShiftLeft(" + s + ", " + Literals.Int(shift) + "));"
            : acc + " = L.Add(" + acc + ", L.Multiply(" + s + ", " + Literals.Int(weight) + "));";
    }

    /// <summary>The value a row stores: ReLU, then the floor to γ (an arithmetic shift).</summary>
    public static string Stored(string acc, bool relu, int shift)
    {
        string value = relu ? "L.Relu(" + acc + ")" : acc;
        return shift == 0 ? value : "L.ShiftRightArithmetic(" + value + ", " + Literals.Int(shift) + ")";
    }
}

/// <summary>Scalar integers, 32 or 64 bits per layer as the overflow proof allows.</summary>
internal sealed class ScalarDialect : KernelDialect
{
    private readonly TicketPlan _plan;

    public ScalarDialect(TicketPlan plan) => _plan = plan;

    public override string Buffer(int layer, int rows, int stackBytes)
    {
        string type = Output(layer);
        string name = "h" + Literals.Int(layer);
        string n = Literals.Int(System.Math.Max(rows, 1));
        return (long)rows * 8 <= stackBytes
            ? "global::System.Span<" + type + "> " + name + " = stackalloc " + type + "[" + n + "];"
            : "global::System.Span<" + type + "> " + name + " = global::SlthGen.KernelScratch<" + type + ">.Get(" + Literals.Int(layer) + ", " + n + ");";
    }

    public override string Call(string method, string input, string output) => method + "(" + input + ", " + output + ");";

    public override string Signature(string method, int layer, bool last) =>
        "private static void " + method + "(global::System.ReadOnlySpan<" + (layer == 0 ? "int" : Output(layer - 1)) + "> x, global::System.Span<" + (last ? "int" : Output(layer)) + "> y)";

    public override string Declare(int layer, bool hasTerms) => Accumulator(layer) + (hasTerms ? " acc, s;" : " acc;");

    public override string Initial(int layer, long constant) => IsLong(layer) ? Literals.Long(constant) : Literals.Int(constant);

    public override string AddInput(int source) => "s += x[" + Literals.Int(source) + "];";

    public override string AddScaled(int layer, long weight)
    {
        string sign = weight < 0 ? "-=" : "+=";
        int shift = PowerOfTwo(weight);
        return System.Math.Abs(weight) == 1 ? "acc " + sign + " s;"
            : shift > 0 ? "acc " + sign + " s << " + Literals.Int(shift) + ";"
            : "acc += " + (IsLong(layer) ? Literals.Long(weight) : Literals.Int(weight)) + " * s;";
    }

    public override string Store(int layer, bool relu, int shift, bool last)
    {
        string shifted = shift == 0 ? "acc" : "acc >> " + Literals.Int(shift);
        string value = relu ? "(acc > 0 ? " + shifted + " : 0)" : "(" + shifted + ")";
        return "(" + (last ? "int" : Output(layer)) + ")" + value;
    }

    private string Output(int layer) => _plan.Layers[layer].LongOutput ? "long" : "int";

    private string Accumulator(int layer) => IsLong(layer) ? "long" : "int";

    private bool IsLong(int layer) => _plan.Layers[layer].LongAccumulator || (layer > 0 && _plan.Layers[layer - 1].LongOutput);
}
