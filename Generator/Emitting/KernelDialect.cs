namespace SlthGen.Generator.Emitting;

/// <summary>
/// How one kernel form writes its arithmetic: scalar integers (per-layer int or long), or one
/// SIMD width (Vector128/256/512 of int or long). The term lists are shared, so every form
/// computes the same sums in the same order.
/// </summary>
internal abstract class KernelDialect
{
    public abstract string Prefix { get; }

    public abstract string InputType(int layer);

    public abstract string OutputType(int layer, bool last);

    public abstract string AccumulatorType(int layer);

    public abstract string Initial(int layer, long constant);

    /// <summary>acc += weight · s, without a multiply for ±1 and ±powers of two.</summary>
    public abstract string AddScaled(int layer, int weight);

    /// <summary>The shift for |weight| a power of two above 1, else -1.</summary>
    protected static int PowerOfTwo(int weight)
    {
        int magnitude = System.Math.Abs(weight);
        if (magnitude < 2 || (magnitude & (magnitude - 1)) != 0)
        {
            return -1;
        }

        int shift = 0;
        while ((1 << shift) != magnitude)
        {
            shift++;
        }

        return shift;
    }

    public abstract string TableInitial(int layer, bool hasConstants);

    /// <summary>Table mode: adds w[g] · s (s the sum of the group's inputs) to acc.</summary>
    public abstract string TableGroup(int layer);

    public abstract string Store(int layer, bool relu, int shift, bool last);

    public abstract int ElementBytes(int layer);
}

/// <summary>Scalar integers, 32 or 64 bits per layer as the overflow proof allows.</summary>
internal sealed class ScalarDialect : KernelDialect
{
    private readonly LayerTerms[] _layers;

    public ScalarDialect(LayerTerms[] layers) => _layers = layers;

    public override string Prefix => "T";

    public override string InputType(int layer) => layer == 0 ? "int" : Buffer(layer - 1);

    public override string OutputType(int layer, bool last) => last ? "int" : Buffer(layer);

    public override string AccumulatorType(int layer) => IsLong(layer) ? "long" : "int";

    public override string Initial(int layer, long constant) => IsLong(layer) ? Literals.Long(constant) : Literals.Int(constant);

    public override string AddScaled(int layer, int weight)
    {
        string sign = weight < 0 ? "-=" : "+=";
        int shift = PowerOfTwo(weight);
        return System.Math.Abs(weight) == 1 ? "acc " + sign + " s;"
            : shift > 0 ? "acc " + sign + " s << " + Literals.Int(shift) + ";"
            : "acc += " + (IsLong(layer) ? Literals.Long(weight) : Literals.Int(weight)) + " * s;";
    }

    public override string TableInitial(int layer, bool hasConstants) => "(" + AccumulatorType(layer) + ")" + (hasConstants ? "constants[r]" : "0");

    public override string TableGroup(int layer) => "acc += (" + AccumulatorType(layer) + ")w[g] * s;";

    public override string Store(int layer, bool relu, int shift, bool last)
    {
        string shifted = shift == 0 ? "acc" : "acc >> " + Literals.Int(shift);
        string value = relu ? "(acc > 0 ? " + shifted + " : 0)" : "(" + shifted + ")";
        return "(" + OutputType(layer, last) + ")" + value;
    }

    public override int ElementBytes(int layer) => _layers[layer].Layer.LongOutput ? 8 : 4;

    private string Buffer(int layer) => _layers[layer].Layer.LongOutput ? "long" : "int";

    private bool IsLong(int layer) => _layers[layer].Layer.LongAccumulator || (layer > 0 && _layers[layer - 1].Layer.LongOutput);
}

/// <summary>One SIMD width: every sample of a batch block in its own lane.</summary>
internal sealed class VectorDialect : KernelDialect
{
    private readonly string _element;

    public VectorDialect(int bits, bool longLanes)
    {
        Bits = bits;
        _element = longLanes ? "long" : "int";
        Vector = "global::System.Runtime.Intrinsics.Vector" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Type = Vector + "<" + _element + ">";
        Lanes = bits / (longLanes ? 64 : 32);
        IsLong = longLanes;
    }

    public int Bits { get; }

    public int Lanes { get; }

    public bool IsLong { get; }

    public string Vector { get; }

    public string Type { get; }

    public string Element => _element;

    public override string Prefix => "V" + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";

    public override string InputType(int layer) => Type;

    public override string OutputType(int layer, bool last) => Type;

    public override string AccumulatorType(int layer) => Type;

    public override string Initial(int layer, long constant) => constant == 0 ? Type + ".Zero" : Vector + ".Create(" + Scalar(constant) + ")";

    public override string AddScaled(int layer, int weight)
    {
        string sign = weight < 0 ? "-=" : "+=";
        int shift = PowerOfTwo(weight);
        return System.Math.Abs(weight) == 1 ? "acc " + sign + " s;"
            : shift > 0 ? "acc " + sign + " " + Vector + ".ShiftLeft(s, " + Literals.Int(shift) + ");"
            : "acc += " + Vector + ".Create(" + Scalar(weight) + ") * s;";
    }

    public override string TableInitial(int layer, bool hasConstants) => hasConstants ? Vector + ".Create((" + _element + ")constants[r])" : Type + ".Zero";

    public override string TableGroup(int layer) => "acc += " + Vector + ".Create((" + _element + ")w[g]) * s;";

    public override string Store(int layer, bool relu, int shift, bool last)
    {
        string value = relu ? Vector + ".Max(acc, " + Type + ".Zero)" : "acc";
        return shift == 0 ? value : Vector + ".ShiftRightArithmetic(" + value + ", " + Literals.Int(shift) + ")";
    }

    public override int ElementBytes(int layer) => Bits / 8;

    private string Scalar(long value) => IsLong ? Literals.Long(value) : Literals.Int(value);
}
